# Engine tests link only the engine (and Qt Core/Network/Sql/Test): no GUI.
botbat_add_test(test_engine_lifecycle SOURCES engine/EngineLifecycleTest.cpp)
botbat_add_test(test_migrations SOURCES engine/MigrationsTest.cpp POSTGRES)
botbat_add_test(test_event_store SOURCES engine/EventStoreTest.cpp)
botbat_add_test(test_headless_process SOURCES engine/HeadlessProcessTest.cpp)
add_dependencies(test_headless_process botbat-console)
botbat_add_test(test_log_sink SOURCES engine/LogSinkTest.cpp)
botbat_add_test(test_http_limits SOURCES engine/HttpLimitsTest.cpp)
botbat_add_test(test_https_server SOURCES engine/HttpsServerTest.cpp)
botbat_add_test(test_api_keys SOURCES engine/ApiKeysTest.cpp POSTGRES)
add_dependencies(test_api_keys botbat-console)
botbat_add_test(test_crash_durability SOURCES engine/CrashDurabilityTest.cpp TIMEOUT 180)
add_dependencies(test_crash_durability botbat-console)
botbat_add_test(test_https_receiver SOURCES engine/HttpsReceiverTest.cpp)
add_dependencies(test_https_receiver botbat-test-receiver)
target_compile_definitions(test_https_receiver PRIVATE
    BOTBAT_TEST_RECEIVER_BINARY="$<TARGET_FILE:botbat-test-receiver>")

# The engine must not pull in QtGui or QtWidgets: check what an engine-only binary really loads.
add_test(NAME engine_links_no_gui
    COMMAND sh -c "! ldd \"$0\" | grep -E 'libQt6(Gui|Widgets)'" $<TARGET_FILE:test_engine_lifecycle>)

# Areas that register their own tests.
include(${CMAKE_CURRENT_LIST_DIR}/SecurityTests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/DomainTests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/ApiTests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/DeliveryTests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/WebhookTests.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/AlertTests.cmake OPTIONAL)
