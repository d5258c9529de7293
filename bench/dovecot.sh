#!/usr/bin/env bash
# A private Dovecot for the benchmarks: IMAP over implicit TLS on 127.0.0.1:$DOVECOT_IMAPS, users from a
# passwd-file holding the very argon2id PHC strings auth-service stored for ours (the same hashes; see
# auth_cache below for what each login costs),
# mail in sdbox under its own directory, LMTP on a socket for Postfix. Never touches the system's Dovecot.
#   dovecot.sh start DIR PASSWD_FILE     writes DIR/dovecot.conf, starts Dovecot, waits for its port
#   dovecot.sh stop DIR
set -euo pipefail

: "${DOVECOT_IMAPS:=11993}"
command=$1
dir=$2

stop() {
  if [ -f "$dir/dovecot.conf" ]; then
    doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
  fi
}

if [ "$command" = stop ]; then
  stop
  exit 0
fi

passwd=$3
mkdir -p "$dir/run" "$dir/state" "$dir/home"
# mail processes may not run as root: a system user of their own
id benchmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin benchmail
chown -R benchmail: "$dir/home"
uid=$(id -u benchmail)
gid=$(id -g benchmail)
[ -f "$dir/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=127.0.0.1 \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1

cat >"$dir/dovecot.conf" <<EOF
# Written by bench/dovecot.sh: a private instance, loopback only.
base_dir = $dir/run
state_dir = $dir/state
instance_name = bench-dovecot
log_path = $dir/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# Dovecot's authentication cache, as an operator would run it (ours has its credentials cache on). It
# caches what the passdb returned, here the argon2id hash, and verifies every login against it again:
# it saves the passwd-file lookup, not the hash (src/auth/auth-request.c, auth_request_save_cache).
auth_cache_size = 10M
auth_cache_ttl = 10 mins
first_valid_uid = $uid
last_valid_uid = $uid
mail_location = sdbox:~/mail
namespace inbox {
  inbox = yes
}
passdb {
  driver = passwd-file
  args = scheme=ARGON2ID $passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/home/%d/%n
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = $DOVECOT_IMAPS
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
# the read mix runs 20 clients as one user from one address (Dovecot's default allows 10; ours allows 30)
protocol imap {
  mail_max_userip_connections = 100
}
protocol lmtp {
  postmaster_address = postmaster@bench.test
}
EOF

stop
# a leftover instance on the port would be measured instead of this one
if (exec 3<>"/dev/tcp/127.0.0.1/$DOVECOT_IMAPS") 2>/dev/null; then
  echo "127.0.0.1:$DOVECOT_IMAPS is taken already; stop what listens there first" >&2
  exit 1
fi
dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$DOVECOT_IMAPS") 2>/dev/null && exit 0
  sleep 0.2
done
echo "dovecot did not open 127.0.0.1:$DOVECOT_IMAPS; its log:" >&2
tail -20 "$dir/dovecot.log" >&2
exit 1
