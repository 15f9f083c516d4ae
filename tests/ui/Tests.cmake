# GUI tests: the real main window on a real engine, offscreen, driven by object names.
# Set BOTBAT_SCREENSHOT_DIR to also save PNGs of every tab.
botbat_add_test(test_main_window SOURCES ui/MainWindowTest.cpp GUI)
# The API Keys tab as an admin uses it: create, see once, copy, rotate, revoke, audit log.
botbat_add_test(test_api_keys_page SOURCES ui/ApiKeysPageTest.cpp GUI)
# The Webhooks tab as an admin uses it, against a real HTTPS receiver with a test CA: add (http://
# refused), Send Test, attempts, disable, delete, edit, trusted certificates.
botbat_add_test(test_webhooks_page SOURCES ui/WebhooksPageTest.cpp GUI TIMEOUT 240)
# Alerts in the console: tray notification (recorded offscreen) and its click, the Overview
# badge and "Mark All as Read", the Alerts… dialog (http:// refused, test alert, saved URL).
botbat_add_test(test_alerts_ui SOURCES ui/AlertsUiTest.cpp GUI TIMEOUT 180)
# The Test Connection wizard, offscreen against a real HTTPS receiver with a test CA: a passing
# run saved as a webhook, a refused port, a 401, invalid JSON, an endpoint from the Webhooks tab.
botbat_add_test(test_connection_wizard SOURCES ui/TestConnectionWizardTest.cpp GUI TIMEOUT 180)
# The Delivery Log tab as support staff use it: live rows, failed only and combined filters,
# details with the timeline, retry now, retry all failed (asks with the count), pause with a
# counter, CSV/JSON export, opened filtered from elsewhere.
botbat_add_test(test_delivery_log_page SOURCES ui/DeliveryLogPageTest.cpp GUI TIMEOUT 240)
