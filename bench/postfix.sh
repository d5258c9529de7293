#!/usr/bin/env bash
# A private Postfix for the benchmarks (Debian's, run as 'postfix -c DIR/etc'): smtpd on
# 127.0.0.1:$POSTFIX_PORT taking mail for bench.test and handing it to Dovecot over LMTP, as a
# Postfix -> Dovecot installation does. Never touches /etc/postfix or port 25.
#   postfix.sh start DIR LMTP_SOCKET    DIR's ancestors must be searchable by the postfix account
#   postfix.sh stop DIR
set -euo pipefail

: "${POSTFIX_PORT:=10025}"
command=$1
dir=$2
etc=$dir/etc

if [ "$command" = stop ]; then
  [ -f "$etc/main.cf" ] && postfix -c "$etc" stop >/dev/null 2>&1 || true
  exit 0
fi

lmtp=$3
mkdir -p "$etc" "$dir/queue" "$dir/data"
chown postfix:postfix "$dir/data"
cat >"$etc/main.cf" <<EOF
# Written by bench/postfix.sh: a private instance, loopback only.
compatibility_level = 3.6
config_directory = $etc
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mta.bench.test
mydomain = bench.test
mydestination =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
virtual_mailbox_domains = bench.test
virtual_transport = lmtp:unix:$lmtp
alias_maps =
alias_database =
biff = no
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
smtpd_forbid_bare_newline_exclusions =
EOF
cat >"$etc/master.cf" <<EOF
127.0.0.1:$POSTFIX_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
# a leftover instance on the port would be measured instead of this one
if (exec 3<>"/dev/tcp/127.0.0.1/$POSTFIX_PORT") 2>/dev/null; then
  echo "127.0.0.1:$POSTFIX_PORT is taken already; stop what listens there first" >&2
  exit 1
fi
postfix -c "$etc" check
postfix -c "$etc" start >/dev/null 2>&1
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$POSTFIX_PORT") 2>/dev/null && exit 0
  sleep 0.2
done
echo "postfix did not open 127.0.0.1:$POSTFIX_PORT; its log:" >&2
tail -20 "$dir/postfix.log" >&2 || true
exit 1
