# Outgoing-webhook delivery: the dispatcher against a real HTTPS receiver with a test CA.
botbat_add_test(test_webhook_delivery SOURCES engine/WebhookDeliveryTest.cpp TIMEOUT 180)
