/** Identity's cryptography: Argon2id, the password policy, TOTP, opaque tokens, and signing/verifying access tokens. */
@NullMarked
package dev.bazaar.identity.crypto;

import org.jspecify.annotations.NullMarked;
