package org.rplcds.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Client tokens as a CDS client signs them (CDS Hooks 2.0: ES384, a jti, five minutes at most). */
public final class ClientTokens {

    private ClientTokens() {}

    /**
     * An ES384 token of the issuer for the audience, issued at {@code issued}, valid five minutes,
     * with a fresh jti, its header naming the key's id.
     */
    public static String es384(ECKey key, String issuer, String audience, Instant issued) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience(audience)
                        .issueTime(Date.from(issued))
                        .expirationTime(Date.from(issued.plusSeconds(300)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
