# Alerts on permanent webhook failures and on endpoints entering Error: rate limiting on a
# ManualClock, the alert webhook against a real HTTPS receiver with a test CA, persistence
# across restarts, the alert webhook URL kept out of the database and the log, the headless
# option, and the store on the throwaway PostgreSQL (skipped outside ctest).
botbat_add_test(test_alerts SOURCES engine/AlertTest.cpp POSTGRES TIMEOUT 180)
add_dependencies(test_alerts botbat-console) # the headless --alert-webhook-url-file case
