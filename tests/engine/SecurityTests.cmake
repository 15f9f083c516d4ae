# engine/security: crypto primitives, the encrypted file store, the keyring store (against a
# real gnome-keyring in a private D-Bus session) and the factory's choices.
botbat_add_test(test_crypto SOURCES engine/CryptoTest.cpp)
botbat_add_test(test_secret_store_file SOURCES engine/SecretStoreFileTest.cpp)
botbat_add_test(test_secret_store_keyring SOURCES engine/SecretStoreKeyringTest.cpp KEYRING)
botbat_add_test(test_secret_store_factory SOURCES engine/SecretStoreFactoryTest.cpp KEYRING)
