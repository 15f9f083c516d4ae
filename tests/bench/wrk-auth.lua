-- Authenticated GET: the key comes from the environment, never from a file in the repository.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BOTBAT_KEY")
