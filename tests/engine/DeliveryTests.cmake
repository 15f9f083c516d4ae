# Outgoing-webhook delivery: the dispatcher against a real HTTPS receiver with a test CA.
botbat_add_test(test_webhook_delivery SOURCES engine/WebhookDeliveryTest.cpp TIMEOUT 180)
# kill -9 of the headless engine with 10,000 deliveries in flight; every event arrives after restart.
botbat_add_test(test_webhook_crash SOURCES engine/WebhookCrashTest.cpp TIMEOUT 300)
add_dependencies(test_webhook_crash botbat-console)
