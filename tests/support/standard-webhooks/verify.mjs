// Verifies one webhook request with the Standard Webhooks reference library, as a receiver
// would: node verify.mjs REQUEST.json, where the file holds {"secret", "headers": {name: value},
// "body"}. Prints the parsed payload's id and exits 0 when the signature verifies, 1 if not.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
try {
  const payload = new Webhook(request.secret).verify(request.body, request.headers);
  console.log(`verified ${payload.id}`);
} catch (error) {
  console.error(`not verified: ${error.message}`);
  process.exit(1);
}
