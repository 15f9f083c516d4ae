# The connection test (engine/probe) against a real HTTPS receiver with a test CA, on loopback.
botbat_add_test(test_connection_probe SOURCES engine/ConnectionProbeTest.cpp TIMEOUT 120)
