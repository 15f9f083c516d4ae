# Outgoing-webhook storage: endpoints, secrets, deliveries, attempts and trusted CAs, on SQLite
# and on the throwaway PostgreSQL (each case runs on both; the PostgreSQL rows skip outside ctest).
botbat_add_test(test_webhook_store SOURCES engine/WebhookStoreTest.cpp POSTGRES TIMEOUT 300)
# The connection test's engine side (engine/probe).
include(${CMAKE_CURRENT_LIST_DIR}/ProbeTests.cmake)
