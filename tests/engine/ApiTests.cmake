# The REST API: resource endpoints against a real engine, and the OpenAPI document.
botbat_add_test(test_api_endpoints SOURCES engine/ApiEndpointsTest.cpp)
botbat_add_test(test_openapi SOURCES engine/OpenApiTest.cpp)
# Outgoing webhooks over REST, through to the real dispatcher and an HTTPS receiver (test CA).
botbat_add_test(test_webhook_api SOURCES engine/WebhookApiTest.cpp)
# test_openapi checks that the served document is this file, byte for byte; the node validator
# below checks the file itself.
set(BOTBAT_OPENAPI_DOCUMENT ${PROJECT_SOURCE_DIR}/engine/api/openapi.json)
target_compile_definitions(test_openapi PRIVATE BOTBAT_OPENAPI_SOURCE="${BOTBAT_OPENAPI_DOCUMENT}")

# A standard OpenAPI validator (@readme/openapi-parser from npm, pinned in its package-lock.json).
# packaging/test.sh installs it with "npm ci"; without it the test fails and says so.
set(BOTBAT_OPENAPI_VALIDATOR ${CMAKE_CURRENT_LIST_DIR}/../support/openapi-validate)
find_program(BOTBAT_NODE node)
if(BOTBAT_NODE)
    add_test(NAME openapi_document_valid
        COMMAND ${BOTBAT_NODE} ${BOTBAT_OPENAPI_VALIDATOR}/validate.mjs ${BOTBAT_OPENAPI_DOCUMENT})
else()
    add_test(NAME openapi_document_valid
        COMMAND sh -c "echo 'node is not installed: run packaging/install-deps.sh --tests, then npm ci --no-audit --no-fund in tests/support/openapi-validate' >&2; exit 1")
endif()
set_tests_properties(openapi_document_valid PROPERTIES TIMEOUT 60)
