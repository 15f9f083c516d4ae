# Model tests: a real Engine on a temp dir feeds the models; QAbstractItemModelTester watches them.
botbat_add_test(test_integration_overview_model
    SOURCES models/IntegrationOverviewModelTest.cpp LIBS botbat_models)
botbat_add_test(test_engine_status_model SOURCES models/EngineStatusModelTest.cpp LIBS botbat_models)
botbat_add_test(test_api_key_model SOURCES models/ApiKeyModelTest.cpp LIBS botbat_models)
# Outgoing webhooks: endpoints, recent attempts, Send Test and trusted CAs, against a real HTTPS
# receiver with a test CA.
botbat_add_test(test_webhook_endpoint_model
    SOURCES models/WebhookEndpointModelTest.cpp LIBS botbat_models)
botbat_add_test(test_webhook_attempt_model
    SOURCES models/WebhookAttemptModelTest.cpp LIBS botbat_models TIMEOUT 180)
# The Delivery Log model over a seeded log (SQLite and PostgreSQL): paging, filters, bounded
# memory, live rows, export, retry-all-failed, and copy-as-curl replayed with curl.
botbat_add_test(test_delivery_log_model
    SOURCES models/DeliveryLogModelTest.cpp LIBS botbat_models POSTGRES TIMEOUT 300)
