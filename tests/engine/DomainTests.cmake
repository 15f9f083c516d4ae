# The domain's cases run twice in one executable: on SQLite (a temporary file) and on the
# throwaway PostgreSQL that the pg_server fixture starts. The PostgreSQL rows fail, rather than
# skip, when BOTBAT_TEST_PG_URL is set but the server cannot be used.
botbat_add_test(test_domain SOURCES engine/DomainTest.cpp POSTGRES TIMEOUT 300)
