#!/bin/sh
# Regenerates the docker-compose stack's TLS material (PUBLISHED DEV KEYS: throw-away, never reuse):
#   ca.crt      the dev CA every client trusts (DCP_KAFKA_TRUSTSTORE)
#   kafka.pem   the broker's private key (PKCS#8, encrypted with the published password below) and certificate,
#               valid for the names the broker is reached by: kafka (compose, the e2e suite), localhost, 127.0.0.1
# The CA's private key is not kept: rotating means running this again and restarting the stack.
# Usage: deploy/compose/tls/generate.sh   (openssl 1.1.1 or 3.x)
set -eu
cd "$(dirname "$0")"
KEY_PASSWORD=dcp-compose-tls-published-do-not-use
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=dcp compose dev CA (published, do not trust)" \
  -keyout "$work/ca.key" -out ca.crt \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=kafka" -keyout "$work/kafka.key" -out "$work/kafka.csr"
printf 'subjectAltName=DNS:kafka,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n' \
  > "$work/ext.cnf"
openssl x509 -req -in "$work/kafka.csr" -CA ca.crt -CAkey "$work/ca.key" -CAcreateserial -CAserial "$work/ca.srl" -sha256 -days 3650 \
  -extfile "$work/ext.cnf" -out "$work/kafka.crt"
# Kafka's PEM key store wants an encrypted PKCS#8 key in a scheme Java 17 reads (PBES2 it does not)
openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in "$work/kafka.key" -passout "pass:$KEY_PASSWORD" \
  -out "$work/kafka.key.enc"
cat "$work/kafka.key.enc" "$work/kafka.crt" > kafka.pem
chmod 644 ca.crt kafka.pem
