#!/usr/bin/env bash
# Benchmarks this mail system side by side with Dovecot from Debian, on this machine, in one run, and
# writes the figures to docs/benchmarks.md (issue 10). Nothing here runs in './mvnw verify'.
#   bash bench/run.sh            everything: installs what is missing, builds, starts both, measures
#   BENCH_SECS=20 bash bench/run.sh      shorter load phases (default 60 s each)
# Needs ../shared/tools/imaptest (imaptest's source and build script). Both servers get the same 100
# users with the same argon2id PHC strings (Dovecot's passwd-file takes ours), over implicit TLS.
# Workloads: imaptest's default profile (50 clients, 100 users), SMTP delivery with Postfix's
# smtp-source into our MX and into Postfix -> Dovecot LMTP (timed until readable), a read-heavy imaptest
# mix on one 10,000-message mailbox (20 clients, no login churn), SELECT/FETCH/SEARCH on a 100,000-message
# mailbox against a 1,000-message one (bench/mailbox.py), 10,000 connections in IDLE on one imap-service
# (memory per connection), memory at rest, JMH codec benchmarks (bench/jmh; BENCH_JMH=0 leaves them out).
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(pwd)

secs=${BENCH_SECS:-60}
output=${BENCH_OUTPUT:-docs/benchmarks.md}
password='Bench-Horse-Battery-42'
users=100
clients=50
messages=${BENCH_MESSAGES:-4000}
# Messages (in rounds of $messages) and imaptest seconds each server gets before anything is measured
warmup_rounds=${BENCH_WARMUP_ROUNDS:-6}
warmup_secs=${BENCH_WARMUP_SECS:-30}
# Right before its measured imaptest run each server gets the same load again, not measured, in rounds
# of this many seconds until one round's commands per second are no more than 5% above the round
# before (at least two rounds, at most the maximum): the measured run then sees the server as it runs
# for months, not while its JIT still compiles
steady_round_secs=${BENCH_STEADY_ROUND_SECS:-30}
steady_max_rounds=${BENCH_STEADY_MAX_ROUNDS:-10}
# Measured SMTP rounds per load and server (odd, for a median that is one of them), taken in turns
smtp_rounds=${BENCH_SMTP_ROUNDS:-3}
[ $((smtp_rounds % 2)) -eq 1 ] || { echo "BENCH_SMTP_ROUNDS must be odd" >&2; exit 1; }
idle_connections=${BENCH_IDLE_CONNECTIONS:-10000}
sessions=20
# the large-mailbox workloads: message counts and timed rounds (after one untimed round)
large_count=${BENCH_LARGE_MESSAGES:-100000}
small_count=1000
mix_count=10000
mix_clients=20
large_rounds=3
small_rounds=10
message_size=10240
pg_bin=/usr/lib/postgresql/15/bin

log() { echo "bench: $*" >&2; }

# --- what the run needs from Debian and ../shared ---------------------------------------------------------
need=""
for p in dovecot-imapd dovecot-lmtpd postfix openssl postgresql-client-15; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
if [ -n "$need" ]; then
  # "No configuration" keeps the system's Postfix off port 25; a private instance runs below
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  log "installing$need"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
tools=../shared/tools/imaptest
[ -f "$tools/build.sh" ] || { log "$tools not found: imaptest cannot be built"; exit 1; }
# imaptest with bench/imaptest-latency.patch: it then writes each command's time, for percentiles
read -r imaptest tests < <(bash bench/imaptest.sh "$tools" | tail -1)
[ -x "$imaptest" ] || { log "imaptest did not build"; exit 1; }
export LD_LIBRARY_PATH=/usr/lib/dovecot

work=$(mktemp -d /tmp/bench.XXXXXX)
# Postfix's daemons (the postfix account) must reach their instance and Dovecot's LMTP socket below it
chmod 755 "$work"
export MAILCTL_DATA=$work/data
cleanup() {
  bash bench/postfix.sh stop "$work/postfix" || true
  bash bench/dovecot.sh stop "$work/dovecot" || true
  ./mailctl down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- JMH micro-benchmarks of the hot codecs, on the idle machine, against the tree as it is -----------------
if [ "${BENCH_JMH:-1}" = 1 ]; then
  log "installing the tree and building bench/jmh"
  ./mvnw -B -q install -DskipTests -Djazzer.skip=true >"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; exit 1; }
  (cd bench/jmh && ../../mvnw -B -q package >"$work/jmh-build.log" 2>&1) || { tail -30 "$work/jmh-build.log" >&2; exit 1; }
  log "JMH codec benchmarks (about 1.5 minutes)"
  java -jar bench/jmh/target/benchmarks.jar -rf json -rff "$work/jmh.json" >"$work/jmh.log" 2>&1 \
    || { tail -30 "$work/jmh.log" >&2; exit 1; }
fi

# --- our system, as './mailctl up' runs it (it builds what is missing) --------------------------------------
# Postfix and Dovecot check no SPF, DKIM or DMARC and do not pause before greeting; for the same work
# neither does our MX here
export MAIL_SMTP_MX_AUTHENTICATION_ENABLED=false MAIL_SMTP_MX_GREETING_DELAY=0
# the idle workload holds $idle_connections connections over $users accounts (30 per account by default)
export MAIL_IMAP_LIMITS_CONNECTIONS_PER_ACCOUNT=$((idle_connections / users + 10))
log "starting ./mailctl up (data in $MAILCTL_DATA)"
# every JVM of ours logs its collector pauses with wall-clock times, to say what paused in the measured
# run (bench/pauses.py); only the system's JVMs, not the mailctl commands below
mkdir "$work/gc"
JAVA_TOOL_OPTIONS="-Xlog:gc:file=$work/gc/%p.log:timemillis" ./mailctl up >"$work/up.log" 2>&1 &
supervisor=$!
for _ in $(seq 900); do
  grep -q '^mail system up' "$work/up.log" && break
  kill -0 "$supervisor" 2>/dev/null || { tail -30 "$work/up.log" >&2; exit 1; }
  sleep 1
done
grep -q '^mail system up' "$work/up.log" || { log "the system did not come up"; tail -30 "$work/up.log" >&2; exit 1; }

log "adding $users users"
# mailctl says what went wrong on stdout, kept here (a run once stopped at this step with no word)
accounts_failed() { log "adding the domain or users failed"; tail -20 "$work/accounts.log" >&2; exit 1; }
./mailctl domain add bench.test >>"$work/accounts.log" 2>&1 || accounts_failed
seq 1 "$users" | xargs -P 4 -I{} ./mailctl user add bench{}@bench.test --password "$password" >>"$work/accounts.log" 2>&1 \
  || accounts_failed
seq 1 10 | xargs -P 4 -I{} ./mailctl user add load{}@bench.test --password "$password" >>"$work/accounts.log" 2>&1 \
  || accounts_failed
for u in large small mix; do
  ./mailctl user add "$u@bench.test" --password "$password" >>"$work/accounts.log" 2>&1 || accounts_failed
done

# --- Dovecot with the same users and the same password hashes ----------------------------------------------
mkdir -p "$work/dovecot"
"$pg_bin/psql" -h 127.0.0.1 -p 15432 -U postgres -d mail -Atc \
  "SELECT address || ':{ARGON2ID}' || password_hash FROM auth.accounts WHERE address LIKE '%@bench.test'" \
  >"$work/dovecot/passwd"
[ "$(wc -l <"$work/dovecot/passwd")" -eq $((users + 13)) ] || { log "expected $((users + 13)) password hashes"; exit 1; }
bash bench/dovecot.sh start "$work/dovecot" "$work/dovecot/passwd"
bash bench/postfix.sh start "$work/postfix" "$work/dovecot/run/lmtp"

# --- figures ---------------------------------------------------------------------------------------------------
# Memory of processes and all their descendants, in MiB: by default the proportional set size, so
# memory they share (PostgreSQL's shared buffers, one binary mapped by many Dovecot processes) counts
# once; with MEMORY_FIELD=Rss the resident set of each summed, which counts shared pages in every process.
# The PIDs and all their descendants.
tree_pids() {
  local pids="$*" all="$*" next
  while [ -n "$pids" ]; do
    next=$(for p in $pids; do ps -o pid= --ppid "$p"; done | tr '\n' ' ')
    all="$all $next"
    pids=$(echo "$next" | xargs)
  done
  echo "$all"
}
rss_tree() {
  local field="${MEMORY_FIELD:-Pss}"
  for p in $(tree_pids "$@"); do cat "/proc/$p/smaps_rollup" 2>/dev/null; done \
    | awk -v f="^$field:" '$0 ~ f {s += $2} END {printf "%.0f", s / 1024}'
}
# MiB in memory for the PIDs and their descendants as one: each physical page once (bench/resident.py).
resident_tree() {
  python3 bench/resident.py $(tree_pids "$@")
}
# CPU seconds the JIT compiler threads of our JVMs (mailctl's children) have used so far, summed.
# (jstat's compile time is wall time, which on a saturated machine counts the compilers' waits too.)
jit_seconds() {
  local p t
  for p in $(ps -o pid= --ppid "$supervisor"); do
    for t in /proc/"$p"/task/*; do
      if grep -q Compiler "$t/comm" 2>/dev/null; then awk '{print $14 + $15}' "$t/stat" 2>/dev/null || true; fi
    done
  done | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.1f", s / hz}'
}
# PostgreSQL detaches from mailctl when it starts (pg_ctl): its postmaster is counted with ours by its pid file.
ours_pids() {
  echo "$supervisor" "$(head -1 "$(find "$MAILCTL_DATA/postgres" -name postmaster.pid | head -1)")"
}

# Runs imaptest against PORT with the further ARGS; prints "commands logins errors". Its log goes to
# $work/NAME.log, every command's time (latency=, from bench/imaptest-latency.patch) to $work/NAME.lat.
imaptest_run() {
  local port=$1 name=$2
  shift 2
  "$imaptest" host=127.0.0.1 port="$port" ssl=any-cert pass="$password" secs="$secs" latency="$work/$name.lat" "$@" \
    >"$work/$name.log" 2>&1 || true
  grep -q '^Totals:' "$work/$name.log" || { log "imaptest against $name gave no totals:"; tail -20 "$work/$name.log" >&2; exit 1; }
  local counts errors
  counts=$(grep -A4 '^Totals:' "$work/$name.log" | tail -1)
  errors=$(grep -cE '^(Error|Panic|Fatal)' "$work/$name.log" || true)
  echo "$counts" | awk -v e="$errors" '{s = 0; for (i = 1; i <= NF; i++) s += $i; print s, $1, e}'
}
# The distinct errors of an imaptest log (user and client number left out), as a Markdown list; nothing
# when there were none.
error_list() {
  local lines
  lines=$({ grep -E '^(Error|Panic|Fatal)' "$1" || true; } | sed -E 's/^([A-Za-z]+: )[^ ]+\[[0-9]+\]: /\1/; s/[0-9]+\.[0-9]+ (NO|BAD|OK)/\1/' \
    | cut -c1-160 | sort | uniq -c | sort -rn | head -5)
  [ -n "$lines" ] || return 0
  echo
  echo "What imaptest reported against $2 (times seen, first 160 characters):"
  echo
  echo "$lines" | sed -E 's/^ *([0-9]+) (.*)$/- \1x `\2`/'
}
# imaptest's default profile: 50 clients over 100 users, logging in and out all the time, copying
# into copybox= (made for every user beforehand by copy_boxes).
stress() {
  imaptest_run "$1" "$2" "user=bench%d@bench.test" users="$users" clients="$clients" mbox="$tests/default.mbox" \
    copybox=Copy
}
# Creates the mailbox Copy for bench1..bench$users on the server at PORT. imaptest would create it on
# COPY's [TRYCREATE] itself, but two of its clients on one user may race to, and the CREATE that loses
# counts as a failed COPY: made first, in both servers alike.
copy_boxes() {
  python3 - "$1" "$users" "$password" <<'EOF'
import imaplib, ssl, sys
port, users, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
for n in range(1, users + 1):
    imap = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context)
    imap.login("bench%d@bench.test" % n, password)
    status, answer = imap.create("Copy")
    if status != "OK" and b"ALREADYEXISTS" not in answer[0]:
        sys.exit("CREATE Copy for bench%d on port %d: %s %s" % (n, port, status, answer))
    imap.logout()
EOF
}
# The read-heavy mix: 20 clients on one account's 10,000-message INBOX, each logged in once; FETCH, LIST,
# STATUS, SEARCH and a few flag changes, nothing appended, copied or expunged
mix() {
  imaptest_run "$1" "$2" user=mix@bench.test clients="$mix_clients" logout=0 append=0 expunge=0 delete=0 copy=0 \
    search=20 store=20
}
# Milliseconds per command type from the latency= files of ours and Dovecot (time from sending a command
# until its tagged answer), as table rows "| command | ours mean, p50, p99 | Dovecot mean, p50, p99 |",
# then a row for all commands together. Percentiles are nearest-rank.
latency_rows() {
  python3 - "$1" "$2" <<'PY'
import sys
def times(path):
    by_name = {}
    for line in open(path):
        name, usecs = line.rstrip("\n").split("\t")[:2]
        by_name.setdefault(name, []).append(int(usecs) / 1000)
    return by_name
def figures(values):
    if not values:
        return "- | - | -"
    values = sorted(values)
    rank = lambda p: values[max(0, -(-len(values) * p // 100) - 1)]
    return "%.1f | %.1f | %.1f" % (sum(values) / len(values), rank(50), rank(99))
ours, theirs = times(sys.argv[1]), times(sys.argv[2])
names = list(ours) + [n for n in theirs if n not in ours]
for name in names:
    print("| %s | %s | %s |" % (name, figures(ours.get(name, [])), figures(theirs.get(name, []))))
every = lambda by_name: [v for values in by_name.values() for v in values]
print("| all commands | %s | %s |" % (figures(every(ours)), figures(every(theirs))))
PY
}
# The header of latency_rows' table
latency_header() {
  echo "| command | ours mean | ours p50 | ours p99 | Dovecot mean | Dovecot p50 | Dovecot p99 |"
  echo "|---|---|---|---|---|---|---|"
}

# Messages the SMTP load's recipients (load1..load10) can read: committed to the mailboxes IMAP reads
# (ours: storage's messages table; Dovecot: doveadm mailbox status of each INBOX).
readable_ours() {
  "$pg_bin/psql" -h 127.0.0.1 -p 15432 -U postgres -d mail -Atc "SELECT count(*) FROM storage.messages m \
    JOIN auth.accounts a ON a.account_id = m.account_id WHERE a.address LIKE 'load%@bench.test'"
}
readable_dovecot() {
  local total=0 n i
  for i in $(seq 1 10); do
    n=$(doveadm -c "$work/dovecot/dovecot.conf" mailbox status -u "load$i@bench.test" messages INBOX 2>/dev/null \
      | grep -o 'messages=[0-9]*' | cut -d= -f2 || true)
    total=$((total + ${n:-0}))
  done
  echo "$total"
}

# Sends $messages messages of $message_size octets over $sessions sessions to PORT with smtp-source, to
# RECIPIENTS of the load users (the sessions split among them), and times them until all are readable;
# prints "accepted_seconds readable_seconds".
smtp_load() {
  local port=$1 readable=$2 recipients=$3 before start accepted i pids=()
  before=$($readable)
  start=$(date +%s.%N)
  for i in $(seq 1 "$recipients"); do
    /usr/sbin/smtp-source -d -s $((sessions / recipients)) -m $((messages / recipients)) -l "$message_size" \
      -f load@source.test -t "load$i@bench.test" "127.0.0.1:$port" >>"$work/smtp-source-$port.log" 2>&1 &
    pids+=($!)
  done
  # only these: a bare wait would also wait for the supervisor when called outside a subshell
  wait "${pids[@]}" || true
  accepted=$(date +%s.%N)
  for _ in $(seq 1200); do
    [ "$($readable)" -ge $((before + messages)) ] && break
    sleep 0.5
  done
  [ "$($readable)" -ge $((before + messages)) ] || { log "not all $messages messages arrived through port $port"; exit 1; }
  awk -v s="$start" -v a="$accepted" -v d="$(date +%s.%N)" 'BEGIN {printf "%.2f %.2f\n", a - s, d - s}'
}

# At rest: 40 s without a command, so that what a quiet system gives back has gone (the services
# close database connections idle for 30 s, auth releases its hashing memory 5 s after the last login).
sleep 40
ours_rest=$(rss_tree $(ours_pids))
dovecot_rest=$(rss_tree "$(cat "$work/dovecot/run/master.pid")")
postfix_rest=$(rss_tree "$(head -1 "$work/postfix/queue/pid/master.pid" | xargs)")
ours_rest_resident=$(resident_tree $(ours_pids))
dovecot_rest_resident=$(resident_tree "$(cat "$work/dovecot/run/master.pid")")
postfix_rest_resident=$(resident_tree "$(head -1 "$work/postfix/queue/pid/master.pid" | xargs)")
ours_rest_rss=$(MEMORY_FIELD=Rss rss_tree $(ours_pids))
dovecot_rest_rss=$(MEMORY_FIELD=Rss rss_tree "$(cat "$work/dovecot/run/master.pid")")
postfix_rest_rss=$(MEMORY_FIELD=Rss rss_tree "$(head -1 "$work/postfix/queue/pid/master.pid" | xargs)")
# The same, process by process (ours only): where the memory is
ours_rest_parts=$(for p in $(pgrep -f "mailctl.jar|quarkus-run.jar|kafka.Kafka|postgres"); do
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null) || continue
  name=$(tr '\0' ' ' <"/proc/$p/cmdline" | grep -o -E '[a-z0-9]+-service|kafka.Kafka|mailctl|postgres' | head -1)
  echo "$name ${pss:-0}"
done | awk '{s[$1] += $2} END {for (k in s) printf "%s %.0f, ", k, s[k] / 1024}' | sed 's/, $//')
log "at rest: ours ${ours_rest_resident} MiB resident, ${ours_rest} MiB PSS, ${ours_rest_rss} MiB RSS summed ($ours_rest_parts), Dovecot ${dovecot_rest} MiB"

# Java compiles its hot code while it runs: measured cold, the first rounds of mail spend much of the
# CPU in the C2 compiler (4000 messages to ten recipients took 33 s, then 16, 12.5, 8.8, 8.2, 8.3 s;
# the services' tier-3 thresholds are ten times the default to keep start-up code out of memory,
# which lengthens this). A server runs for months, so both get the same load first and only what
# follows is measured. The mail comes last, right before the mail is measured: after imaptest had
# run in between, our first measured rounds to ten recipients were 20% slower than the third
# (9.5, 9.2, 7.6 s), while those to one recipient, which follow mail, were even (7.7, 7.5, 7.7 s).
copy_boxes 11993 || { log "could not create Copy in Dovecot"; exit 1; }
copy_boxes 1993 || { log "could not create Copy in ours"; exit 1; }
log "warm-up: $warmup_secs s of imaptest and $warmup_rounds x $messages messages into each (not measured)"
secs_measured=$secs
secs=$warmup_secs
stress 11993 dovecot-warmup >/dev/null
stress 1993 ours-warmup >/dev/null
secs=$secs_measured
for _ in $(seq 1 "$warmup_rounds"); do
  smtp_load 10025 readable_dovecot 10 >/dev/null
  smtp_load 2525 readable_ours 10 >/dev/null
done

# The machine's speed drifts (the same build moved 20-25% within an hour on this shared VM), and one
# round each compared two moments as much as two servers. So the rounds take turns, Postfix first
# in odd rounds and ours first in even ones (what one leaves running, such as queue or hint work,
# spills into the other's round alike), and each server's median is reported, per column (every
# round is listed too). Prints "postfix_accepted postfix_readable ours_accepted ours_readable"
# (median seconds), then on a second line the readable seconds of every round: Postfix's, "/", ours.
smtp_rounds_of() {
  local recipients=$1 i server round postfix=() ours=()
  for i in $(seq 1 "$smtp_rounds"); do
    for server in $( [ $((i % 2)) -eq 1 ] && echo "postfix ours" || echo "ours postfix"); do
      if [ "$server" = postfix ]; then
        round=$(smtp_load 10025 readable_dovecot "$recipients") && [ -n "$round" ] || exit 1
        postfix+=("$round")
      else
        round=$(smtp_load 2525 readable_ours "$recipients") && [ -n "$round" ] || exit 1
        ours+=("$round")
      fi
    done
  done
  echo "$(medians_of "${postfix[@]}") $(medians_of "${ours[@]}")"
  echo "$(readable_of "${postfix[@]}")/ $(readable_of "${ours[@]}")"
}
# rounds are "accepted readable" pairs of seconds; prints the median of each column
medians_of() {
  echo "$(printf '%s\n' "$@" | awk '{print $1}' | median) $(printf '%s\n' "$@" | awk '{print $2}' | median)"
}
readable_of() { printf '%s\n' "$@" | awk '{printf "%s ", $2}'; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

log "SMTP: $smtp_rounds rounds each of $messages messages of $message_size octets over $sessions sessions to 10 recipients, Postfix -> Dovecot and ours in turns"
# (a failed round prints nothing: read then fails and the script ends, after smtp_load said why)
{ read -r postfix_accepted postfix_readable ours_accepted ours_readable; read -r ten_rounds; } < <(smtp_rounds_of 10)
log "SMTP: the same to one recipient"
{ read -r postfix_one_accepted postfix_one_readable ours_one_accepted ours_one_readable; read -r one_rounds; } < <(smtp_rounds_of 1)

# After the SMTP rounds our imap-service had had only the first warm-up's imaptest, and its JIT kept
# compiling for minutes of this load: by hand, the compiler threads took 21% (imap-service) and 27%
# (storage-service) of a core in the first 30 s, 13% and 20% in the next, 2-3% after three minutes;
# successive 30 s rounds from a fresh start gave 233, 375, 486, 554, 677, 627, 711, 729, 658
# commands/s. Dovecot has nothing to compile. So each server gets imaptest again right before its
# measured run until its rate stops rising (steady_rounds); the rounds are on the page, and what
# compilation is left in the measured run is reported with it. Two rounds in a row that do not rise,
# not one: the twenty-fifth run stopped after ours gave 382.7 then 397.1 commands/s with its
# compilers still busy, and measured 467.1 (1.40x) where the next rounds reach 700 and more.
# Prints the commands per second of each round, space-separated.
steady_rounds() {
  local port=$1 name=$2 round previous=0 flat=0 rate rates=""
  for round in $(seq 1 "$steady_max_rounds"); do
    rate=$(stress "$port" "$name-steady$round" | awk -v s="$steady_round_secs" '{printf "%.1f", $1 / s}')
    rates="$rates $rate"
    if [ "$round" -ge 2 ] && awk -v r="$rate" -v p="$previous" 'BEGIN {exit !(r <= p * 1.05)}'; then
      flat=$((flat + 1))
      [ "$flat" -ge 2 ] && break
    else
      flat=0
    fi
    previous=$rate
  done
  echo $rates
}
secs=$steady_round_secs
log "imaptest default profile against Dovecot: rounds of $secs s until steady (not measured), then $secs_measured s"
dovecot_steady=$(steady_rounds 11993 dovecot)
secs=$secs_measured
read -r dovecot_cmds dovecot_logins dovecot_errors < <(stress 11993 dovecot)
secs=$steady_round_secs
log "imaptest default profile against ours: rounds of $secs s until steady (not measured), then $secs_measured s"
ours_steady=$(steady_rounds 1993 ours)
secs=$secs_measured
log "steady after rounds of commands/s: Dovecot $dovecot_steady, ours $ours_steady"
jit_before=$(jit_seconds)
# PostgreSQL's background work in the measured run: buffers its checkpoints wrote, autovacuum passes
pg_background() {
  "$pg_bin/psql" -h 127.0.0.1 -p 15432 -U postgres -d mail -Atc "SELECT (SELECT buffers_checkpoint FROM pg_stat_bgwriter) \
    || ' ' || (SELECT sum(autovacuum_count + autoanalyze_count) FROM pg_stat_user_tables)"
}
read -r pg_checkpoint_before pg_autovacuum_before < <(pg_background)
measured_from=$(date +%s%3N)
read -r ours_cmds ours_logins ours_errors < <(stress 1993 ours)
measured_to=$(date +%s%3N)
read -r pg_checkpoint_after pg_autovacuum_after < <(pg_background)
jit_during=$(echo "$(jit_seconds) - $jit_before" | bc -l | awk '{printf "%.1f", $1}')
ours_pauses=$(python3 bench/pauses.py "$measured_from" "$measured_to" "$work/gc" "$work/ours.lat")
ours_loaded=$(rss_tree $(ours_pids))

# --- large mailboxes --------------------------------------------------------------------------------------------
# Filling is not measured, so both servers fill at the same time (MULTIAPPEND, 500 messages a command)
log "filling mailboxes of $large_count, $mix_count and $small_count messages in each server (not measured)"
fill_all() {
  local port=$1 account count
  for account in "large:$large_count" "mix:$mix_count" "small:$small_count"; do
    count=${account#*:}
    python3 bench/mailbox.py fill 127.0.0.1 "$port" "${account%%:*}@bench.test" "$password" "$count" || return 1
  done
}
fill_all 11993 >"$work/fill-dovecot.log" 2>&1 &
fill_dovecot=$!
fill_all 1993 >"$work/fill-ours.log" 2>&1 &
fill_ours=$!
fill_started=$(date +%s)
wait "$fill_dovecot" || { log "filling Dovecot's mailboxes failed:"; cat "$work/fill-dovecot.log" >&2; exit 1; }
wait "$fill_ours" || { log "filling our mailboxes failed:"; cat "$work/fill-ours.log" >&2; exit 1; }
log "filled in $(($(date +%s) - fill_started)) s"
# PostgreSQL's autovacuum brings the planner's statistics up to date within a minute or so of such a
# bulk import; measured before it had, the searches on the large mailbox took 0.8-0.9 s instead of a
# few ms (plans made for a small mailbox). The steady state is what is measured, so it is done now.
"$pg_bin/psql" -h 127.0.0.1 -p 15432 -U postgres -d mail -qc "ANALYZE storage.messages; ANALYZE storage.blob_search"

log "read-heavy mix on one $mix_count-message mailbox against Dovecot, $secs s"
read -r dovecot_mix_cmds _ dovecot_mix_errors < <(mix 11993 dovecot-mix)
log "the same against ours"
read -r ours_mix_cmds _ ours_mix_errors < <(mix 1993 ours-mix)

log "SELECT, FETCH 1:* FLAGS and searches on $large_count and $small_count messages, Dovecot then ours"
for server in dovecot:11993 ours:1993; do
  python3 bench/mailbox.py time 127.0.0.1 "${server#*:}" small@bench.test "$password" "$small_count" "$small_rounds" \
    >"$work/${server%%:*}-small.json"
  python3 bench/mailbox.py time 127.0.0.1 "${server#*:}" large@bench.test "$password" "$large_count" "$large_rounds" \
    >"$work/${server%%:*}-large.json"
done

# --- idle connections: memory of one imap-service per connection held in IDLE ---------------------------------
# the client holds them all open: one descriptor each, in this shell's limit
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] && hard=1048576
ulimit -n "$hard"
[ "$(ulimit -n)" -gt $((idle_connections + 100)) ] || { log "ulimit -n $(ulimit -n) is too low for $idle_connections connections"; exit 1; }
imap_pid=$(pgrep -f 'imap-service/target/quarkus-app' | head -1) || { log "imap-service is not running"; exit 1; }
pss_of() { awk '/^Pss:/ {printf "%d", $2}' "/proc/$1/smaps_rollup"; }
# live heap after a full collection, in KiB
live_heap_of() { jcmd "$1" GC.run >/dev/null; jcmd "$1" GC.heap_info | awk '/generation/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K,?", "", v); s += v}} END {printf "%d", s}'; }
log "IMAP: $idle_connections connections in IDLE on one imap-service"
idle_pss_before=$(pss_of "$imap_pid")
idle_heap_before=$(live_heap_of "$imap_pid")
# the serial collector's "generation" lines are what live_heap_of reads (SmallJvm starts every service so)
[ "$idle_heap_before" -gt 0 ] || { log "could not read imap-service's heap"; exit 1; }
mkfifo "$work/idle-in"
python3 bench/idle.py 127.0.0.1 1993 "$idle_connections" "$users" "$password" <"$work/idle-in" >"$work/idle.out" 2>&1 &
idle_client=$!
exec 9>"$work/idle-in"
for _ in $(seq 1200); do
  grep -qE '^(ready|failed)' "$work/idle.out" && break
  kill -0 "$idle_client" 2>/dev/null || break
  sleep 1
done
grep -q "^ready $idle_connections" "$work/idle.out" || { log "the idle client did not get its connections:"; cat "$work/idle.out" >&2; exit 1; }
sleep 10
idle_pss_after=$(pss_of "$imap_pid")
idle_heap_after=$(live_heap_of "$imap_pid")
exec 9>&-
wait "$idle_client" || true
per_connection() { awk -v a="$1" -v b="$2" -v n="$idle_connections" 'BEGIN {printf "%.1f", (b - a) / n}'; }
dovecot_loaded=$(rss_tree "$(cat "$work/dovecot/run/master.pid")")

per_second() { awk -v n="$messages" -v t="$1" 'BEGIN {printf "%.0f", n / t}'; }
rate() { awk -v n="$1" -v s="$secs" 'BEGIN {printf "%.1f", n / s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0) print "n/a"; else printf "%.2fx", a / b}'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`bash bench/run.sh\` (BENCH_SECS=$secs) on $(date -u +%Y-%m-%d), $(nproc) cores ($cpu),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"),"
  echo "Dovecot $(dovecot --version | cut -d' ' -f1) from Debian. Both servers, imaptest and the eight processes of"
  echo "\`./mailctl up\` share the same cores. Both hold the same argon2id hashes (m=19456, t=2, p=1), with their"
  echo "authentication caches on: Dovecot's keeps the stored hash and verifies every login against it again (one"
  echo "Argon2 hash per login), ours remembers a password that matched for 7.5 to 10 minutes (one hash per user"
  echo "and password, then none until it expires), so imaptest's logins cost ours a lookup where they cost"
  echo "Dovecot a hash. Both speak implicit TLS. Dovecot stores in sdbox with its default fsync policy; ours commits to"
  echo "PostgreSQL before answering. Before anything is measured each server gets the same warm-up"
  echo "($warmup_secs s of imaptest, then $warmup_rounds x $messages messages over SMTP): the JVMs compile their hot code"
  echo "meanwhile. Do not edit by hand: run the script again."
  echo
  echo "## IMAP, imaptest default profile"
  echo
  echo "LOGIN, LIST, STATUS, SELECT, FETCH, STORE, EXPUNGE, APPEND, COPY, LOGOUT with imaptest's consistency"
  echo "checks (its default mix; COPY into \`copybox=Copy\`, a mailbox made for every user beforehand); $clients"
  echo "clients over $users users, $secs s, messages from imaptest's \`default.mbox\`. Right before its measured run each"
  echo "server gets the same load, not measured, in rounds of $steady_round_secs s until two rounds in a row are each no"
  echo "more than 5% above the round before them (at most $steady_max_rounds rounds): measured is the server as it runs for"
  echo "months, not a JVM still compiling its hot code. Commands per second of those rounds: Dovecot $(echo "$dovecot_steady" | sed 's/ /, /g'),"
  echo "ours $(echo "$ours_steady" | sed 's/ /, /g'). Our JVMs' JIT compiler threads still used $jit_during s of CPU during the"
  echo "measured $secs s, of the $((secs * $(nproc))) s the machine's $(nproc) cores offer."
  echo
  echo "| | ours | Dovecot | ours / Dovecot |"
  echo "|---|---|---|---|"
  echo "| commands per second | $(rate "$ours_cmds") | $(rate "$dovecot_cmds") | $(ratio "$ours_cmds" "$dovecot_cmds") |"
  echo "| logins per second | $(rate "$ours_logins") | $(rate "$dovecot_logins") | $(ratio "$ours_logins" "$dovecot_logins") |"
  echo "| errors imaptest reported | $ours_errors | $dovecot_errors | |"
  echo "| memory (PSS) after the run (MiB) | $ours_loaded | $dovecot_loaded | $(ratio "$ours_loaded" "$dovecot_loaded") |"
  error_list "$work/ours.log" ours
  error_list "$work/dovecot.log" Dovecot
  echo
  echo "Milliseconds per command, from sending it until its tagged answer, every command of the run (imaptest"
  echo "with \`bench/imaptest-latency.patch\`, which writes each command's time; imaptest alone gives means):"
  echo
  latency_header
  latency_rows "$work/ours.lat" "$work/dovecot.lat"
  echo
  echo "What paused in our measured run (every JVM of ours logs its collector's pauses; \`bench/pauses.py\`):"
  echo
  echo "$ours_pauses"
  echo "- PostgreSQL: its checkpoints wrote $((pg_checkpoint_after - pg_checkpoint_before)) buffers of 8 KiB, autovacuum finished $((pg_autovacuum_after - pg_autovacuum_before)) passes (vacuum or analyze)"
  echo
  echo "## SMTP delivery until readable"
  echo
  echo "Postfix's \`smtp-source\` sends $messages messages of $message_size octets over $sessions sessions (connections"
  echo "kept, \`-d\`), the sessions split among 10 recipients, then among one: into our MX (smtp-service ->"
  echo "storage-service -> PostgreSQL, committed before \`250\`), and into Postfix, which hands them to Dovecot"
  echo "over LMTP. Timed from the first connection until the last message is accepted, and until all are"
  echo "readable (committed to the mailboxes IMAP reads: storage's messages table for ours, \`doveadm mailbox"
  echo "status\` for Dovecot). Our MX checks no SPF/DKIM/DMARC and greets at once here, as Postfix does by default."
  echo "Each load runs $smtp_rounds rounds per server, in turns (Postfix first in odd rounds, ours in even ones), so both"
  echo "sample the same stretch of a machine whose speed drifts; the table gives each server's median per column, the"
  echo "list below it every round."
  echo
  echo "| | ours | Postfix -> Dovecot | ours / Postfix |"
  echo "|---|---|---|---|"
  row() { echo "| $1 | $(per_second "$2") | $(per_second "$3") | $(ratio "$(per_second "$2")" "$(per_second "$3")") |"; }
  row "10 recipients: accepted, messages per second" "$ours_accepted" "$postfix_accepted"
  row "10 recipients: readable, messages per second" "$ours_readable" "$postfix_readable"
  row "one recipient: accepted, messages per second" "$ours_one_accepted" "$postfix_one_accepted"
  row "one recipient: readable, messages per second" "$ours_one_readable" "$postfix_one_readable"
  echo
  every_round() { local side=$1 t out=""; for t in $side; do out="$out$(per_second "$t"), "; done; echo "${out%, }"; }
  echo "Every round, readable messages per second in the order run:"
  echo "10 recipients: Postfix -> Dovecot $(every_round "${ten_rounds%%/*}"); ours $(every_round "${ten_rounds#*/}")."
  echo "One recipient: Postfix -> Dovecot $(every_round "${one_rounds%%/*}"); ours $(every_round "${one_rounds#*/}")."
  echo
  echo "## IMAP, read-heavy mix on one large mailbox"
  echo
  echo "imaptest, $mix_clients clients on one account's INBOX of $mix_count messages (generated by \`bench/mailbox.py\`,"
  echo "about 2 KiB each), each client logged in once (no login churn): LIST, STATUS, SELECT, FETCH (and"
  echo "FETCH of bodies), SEARCH with imaptest's random keys (20%), STORE (20%); nothing appended, copied or expunged."
  echo "$secs s. Dovecot searches without a full-text index (Debian's default), reading the messages."
  echo
  echo "| | ours | Dovecot | ours / Dovecot |"
  echo "|---|---|---|---|"
  echo "| commands per second | $(rate "$ours_mix_cmds") | $(rate "$dovecot_mix_cmds") | $(ratio "$ours_mix_cmds" "$dovecot_mix_cmds") |"
  echo "| errors imaptest reported | $ours_mix_errors | $dovecot_mix_errors | |"
  error_list "$work/ours-mix.log" ours
  error_list "$work/dovecot-mix.log" Dovecot
  echo
  echo "Milliseconds per command:"
  echo
  latency_header
  latency_rows "$work/ours-mix.lat" "$work/dovecot-mix.lat"
  echo
  echo "## IMAP, $large_count messages against $small_count"
  echo
  echo "One connection logged in once (\`bench/mailbox.py\`), on an INBOX of $large_count messages and on one of"
  echo "$small_count (the same generated messages, about 2 KiB each, two in three \`\\Seen\`): SELECT; FETCH 1:*"
  echo "(FLAGS); UID SEARCH HEADER Message-ID of one random message; UID SEARCH BODY of a word only that message"
  echo "holds. Each command after one untimed round, $small_rounds rounds on the small mailbox and $large_rounds on the"
  echo "large (four searches of each kind a round); every answer checked. Milliseconds from sending the"
  echo "command until its tagged OK arrived; p99 of a few samples is their maximum. FETCH 1:* answers one line"
  echo "per message, so its growth is compared per message; the others answer the same few lines at both sizes."
  echo "The target: each command on the large mailbox within 2x of the small one."
  echo
  python3 - "$work" "$large_count" "$small_count" <<'PY'
import json, sys
work, large, small = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-p * len(values) // 100) - 1))]
print("| command | server | p50 small (ms) | p99 small | p50 large (ms) | p99 large | large / small (p50) |")
print("|---|---|---|---|---|---|---|")
for server, name in (("ours", "ours"), ("dovecot", "Dovecot")):
    s = json.load(open("%s/%s-small.json" % (work, server)))
    l = json.load(open("%s/%s-large.json" % (work, server)))
    for command in s:
        ratio = pct(l[command], 50) / pct(s[command], 50)
        note = ""
        if command.startswith("FETCH"):
            ratio = ratio * small / large
            note = " per message"
        print("| %s | %s | %.1f | %.1f | %.1f | %.1f | %.2fx%s |" % (
            command, name, pct(s[command], 50), pct(s[command], 99), pct(l[command], 50), pct(l[command], 99),
            ratio, note))
PY
  echo
  echo "## Idle connections"
  echo
  echo "$idle_connections implicit-TLS connections to one imap-service, each logged in (100 users), with INBOX"
  echo "selected and in IDLE (\`bench/idle.py\`, Python asyncio, 40 connections per source address). Measured"
  echo "10 s after the last one entered IDLE, against the same process just before (after imaptest, so"
  echo "heap pages it had touched already count before: the live heap is the firmer figure; the kernel's"
  echo "socket buffers are in neither). The per-account"
  echo "limit is raised for this (\`MAIL_IMAP_LIMITS_CONNECTIONS_PER_ACCOUNT\`). Not run against Dovecot, which"
  echo "holds a process per connection."
  echo
  echo "| | per connection (KiB) |"
  echo "|---|---|"
  echo "| imap-service memory (PSS) | $(per_connection "$idle_pss_before" "$idle_pss_after") |"
  echo "| imap-service live heap after a full GC | $(per_connection "$idle_heap_before" "$idle_heap_after") |"
  echo
  if [ -f "$work/jmh.json" ]; then
    echo "## Codecs (JMH)"
    echo
    echo "\`bench/jmh\` (see its README) on the idle machine before the system starts: operations per second"
    echo "of the code every message or command passes through, 1 fork, 3 x 2 s after 2 x 2 s of warm-up; the"
    echo "error is JMH's 99.9% interval over those 3 iterations."
    echo
    echo "| benchmark | input | ops/s | ± |"
    echo "|---|---|---|---|"
    python3 - "$work/jmh.json" <<'PY'
import json, sys
for run in json.load(open(sys.argv[1])):
    name = run["benchmark"].replace("io.mailserver.bench.", "")
    params = ", ".join("%s=%s" % kv for kv in sorted(run.get("params", {}).items())) or "-"
    metric = run["primaryMetric"]
    print("| %s | %s | %.0f | %s |" % (name, params, metric["score"], "%.0f" % metric["scoreError"]
                                       if isinstance(metric["scoreError"], (int, float)) else metric["scoreError"]))
PY
    echo
  fi
  echo "## Memory at rest"
  echo
  echo "Memory of every process of each system after 40 s without a command (the services close"
  echo "database connections idle for 30 s), before any load; ours is the whole \`./mailctl up\`: the"
  echo "mailctl supervisor, six service JVMs, Kafka and PostgreSQL. Three measures:"
  echo
  echo "- **resident, whole system**: every physical page that any process of the system has in memory,"
  echo "  counted once (page frame numbers from \`/proc/PID/pagemap\`, bench/resident.py): the RSS of"
  echo "  the system taken as one. The issue's target (under 1 GB RSS"
  echo "  in all) is read on this line;"
  echo "- PSS summed: each shared page divided among the processes mapping it, including processes outside"
  echo "  the system (libc), so a little under the line above;"
  echo "- RSS summed over the processes: a page shared by several processes (the JDK's libraries and"
  echo "  class archive mapped by every JVM, PostgreSQL's shared buffers) counted once in each of them, so"
  echo "  the sum is more than the machine holds; given because the issue's first figures were this sum."
  echo
  echo "| | ours | Dovecot + Postfix |"
  echo "|---|---|---|"
  echo "| memory resident, whole system (MiB) | $ours_rest_resident | $dovecot_rest_resident + $postfix_rest_resident |"
  echo "| memory, PSS summed (MiB) | $ours_rest | $dovecot_rest + $postfix_rest |"
  echo "| memory, RSS summed over the processes (MiB) | $ours_rest_rss | $dovecot_rest_rss + $postfix_rest_rss |"
  echo
  echo "Ours by process (MiB): $ours_rest_parts."
  echo
  if [ -f bench/findings.md ]; then
    echo
    cat bench/findings.md
  fi
} >"$output"
log "wrote $output"
cat "$output"
