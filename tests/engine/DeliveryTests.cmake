# Outgoing-webhook delivery: the dispatcher against a real HTTPS receiver with a test CA.
# Signatures are also checked with the Standard Webhooks reference library (npm, installed by
# packaging/test.sh into tests/support/standard-webhooks).
botbat_add_test(test_webhook_delivery SOURCES engine/WebhookDeliveryTest.cpp TIMEOUT 180)
target_compile_definitions(test_webhook_delivery PRIVATE
    BOTBAT_STANDARD_WEBHOOKS_VERIFIER="${CMAKE_CURRENT_LIST_DIR}/../support/standard-webhooks/verify.mjs")
# kill -9 of the headless engine with 10,000 deliveries in flight; every event arrives after restart.
botbat_add_test(test_webhook_crash SOURCES engine/WebhookCrashTest.cpp TIMEOUT 300)
add_dependencies(test_webhook_crash botbat-console)
# Two engines on one PostgreSQL database: each event delivered once, none lost.
botbat_add_test(test_webhook_shared_database SOURCES engine/WebhookSharedDatabaseTest.cpp POSTGRES)
# The dispatcher's HTTPS/1.1 client against a raw TLS server writing answers byte for byte.
botbat_add_test(test_https_connection SOURCES engine/HttpsConnectionTest.cpp)
