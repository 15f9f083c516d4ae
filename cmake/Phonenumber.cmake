# Debian's libphonenumber-dev ships neither a CMake package nor a pkg-config file.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
add_library(botbat_phonenumber INTERFACE)
target_include_directories(botbat_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(botbat_phonenumber INTERFACE ${PHONENUMBER_LIBRARY})
