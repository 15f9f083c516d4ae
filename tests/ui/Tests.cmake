# GUI tests: the real main window on a real engine, offscreen, driven by object names.
# Set BOTBAT_SCREENSHOT_DIR to also save PNGs of every tab.
botbat_add_test(test_main_window SOURCES ui/MainWindowTest.cpp GUI)
# The API Keys tab as an admin uses it: create, see once, copy, rotate, revoke, audit log.
botbat_add_test(test_api_keys_page SOURCES ui/ApiKeysPageTest.cpp GUI)
# The Webhooks tab as an admin uses it, against a real HTTPS receiver with a test CA: add (http://
# refused), Send Test, attempts, disable, delete, edit, trusted certificates.
botbat_add_test(test_webhooks_page SOURCES ui/WebhooksPageTest.cpp GUI TIMEOUT 240)
