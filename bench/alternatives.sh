# The tools a user would pick instead of devlaunch, for the side-by-side benches (compare.sh,
# stop.sh, restart.sh); sourced after lib.sh, not run. Bash only.
#   concurrently, nf (node foreman)   npm packages `concurrently`, `foreman` in $ALTS (default
#                                     /tmp/devlaunch-alts), installed with `npm install --prefix`
#   pm2                               npm package `pm2` in $ALTS, the same way (proxy_restarts.sh)
#   foreman (Ruby), supervisord       Debian packages ruby-foreman, supervisor, through apt-get
# alternatives_setup TOOLS... installs whatever is missing (and says so on stderr), then fills
#   SKIP[tool]      why a tool is left out (its install failed, no node), unset when it runs
#   VERSION[tool]   the version line shown in the table header
#   ACTIVE          the tools to measure, in the order given
# A name may carry a variant after a dash (devlaunch-down, supervisord-plain): it is installed,
# versioned and skipped as its tool and listed as given; a devlaunch name ending in -before is
# devlaunch at $BEFORE (lib.sh: before_setup, before_tools).
ALTS=${ALTS:-/tmp/devlaunch-alts}
ALT_NAME=$(basename "$0" .sh)       # prefix of this file's messages: "compare: installing …"
declare -A SKIP VERSION
ACTIVE=() ALT_TOOLS=()

npm_bin() { echo "$ALTS/node_modules/.bin/$1"; }

apt_install() {     # $1 = package, $2 = folder for its log; apt-get update once if the first try fails
  local log=$2/apt-$1.log
  echo "$ALT_NAME: installing Debian package $1 (apt-get install -y $1)" >&2
  apt-get install -y "$1" >"$log" 2>&1 && return 0
  apt-get update >>"$log" 2>&1 && apt-get install -y "$1" >>"$log" 2>&1 && return 0
  tail -n 3 "$log" | sed 's/^/    /' >&2
  return 1
}

alternatives_setup() {   # TOOLS... (devlaunch concurrently nf foreman supervisord pm2, any subset)
  local tools logs t
  ALT_TOOLS=("$@")
  tools=" $(printf '%s\n' "$@" | sed 's/-.*//' | xargs) "      # the tools, without variants
  logs=$(bench_tmpdir)
  if [[ $tools == *" concurrently "* || $tools == *" nf "* ]]; then
    if [ ! -x "$(npm_bin concurrently)" ] || [ ! -x "$(npm_bin nf)" ]; then
      if command -v npm >/dev/null; then
        echo "$ALT_NAME: installing npm packages concurrently foreman into $ALTS (npm install --prefix $ALTS concurrently foreman)" >&2
        npm install --prefix "$ALTS" concurrently foreman >"$logs/npm.log" 2>&1 || tail -n 5 "$logs/npm.log" | sed 's/^/    /' >&2
      fi
    fi
    [ -x "$(npm_bin concurrently)" ] || SKIP[concurrently]="npm install of concurrently failed (or no npm)"
    [ -x "$(npm_bin nf)" ] || SKIP[nf]="npm install of foreman (nf) failed (or no npm)"
    command -v node >/dev/null || { SKIP[concurrently]="no node"; SKIP[nf]="no node"; }
  fi
  if [[ $tools == *" pm2 "* ]]; then
    if [ ! -x "$(npm_bin pm2)" ] && command -v npm >/dev/null; then
      echo "$ALT_NAME: installing npm package pm2 into $ALTS (npm install --prefix $ALTS pm2)" >&2
      npm install --prefix "$ALTS" pm2 >"$logs/npm-pm2.log" 2>&1 || tail -n 5 "$logs/npm-pm2.log" | sed 's/^/    /' >&2
    fi
    [ -x "$(npm_bin pm2)" ] || SKIP[pm2]="npm install of pm2 failed (or no npm)"
    command -v node >/dev/null || SKIP[pm2]="no node"
  fi
  if [[ $tools == *" foreman "* ]] && ! command -v foreman >/dev/null; then
    apt_install ruby-foreman "$logs" || SKIP[foreman]="apt-get install ruby-foreman failed"
  fi
  if [[ $tools == *" supervisord "* ]] && ! { command -v supervisord && command -v supervisorctl; } >/dev/null; then
    apt_install supervisor "$logs" || SKIP[supervisord]="apt-get install supervisor failed"
  fi
  for t in "$@"; do
    [ -n "${SKIP[${t%%-*}]:-}" ] && SKIP[$t]=${SKIP[${t%%-*}]}
    [ -n "${SKIP[$t]:-}" ] && continue
    case ${t%%-*} in
      devlaunch) VERSION[$t]=$(devlaunch_version "$t") ;;
      concurrently) VERSION[$t]="concurrently $("$(npm_bin concurrently)" --version 2>&1)" ;;
      nf) VERSION[$t]="nf (node foreman) $("$(npm_bin nf)" --version 2>&1)" ;;
      foreman) VERSION[$t]="ruby foreman $(foreman version 2>&1)" ;;
      supervisord) VERSION[$t]="supervisord $(supervisord --version 2>&1)" ;;
      pm2) VERSION[$t]="pm2 $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$ALTS/node_modules/pm2/package.json")" ;;   # `pm2 --version` starts its daemon
    esac
  done
  for t in "$@"; do
    if [ -n "${SKIP[$t]:-}" ]; then echo "$ALT_NAME: skipping $t: ${SKIP[$t]}" >&2; else ACTIVE+=("$t"); fi
  done
}

alternatives_header() {  # "# tool: version" for each active tool, "# tool: SKIPPED (why)" for the rest
  local t
  for t in "${ACTIVE[@]}"; do echo "# $t: ${VERSION[$t]:-?}"; done
  for t in "${ALT_TOOLS[@]}"; do [ -n "${SKIP[$t]:-}" ] && echo "# $t: SKIPPED (${SKIP[$t]})"; done
  return 0
}

supervisord_conf() {     # $1 = folder: the head of a supervisord.conf kept in it; [program:x] sections follow
  cat <<CONF
[unix_http_server]
file=$1/supervisor.sock
[supervisord]
logfile=$1/supervisord.log
pidfile=$1/supervisord.pid
childlogdir=$1
nodaemon=true
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$1/supervisor.sock
CONF
}
supctl() { supervisorctl -c "$1/supervisord.conf" "${@:2}"; }

# ---------------------------------------------------------------- the table: rows = figures, columns = ACTIVE
ROW_LABEL_W=${ROW_LABEL_W:-44} ROW_CELL_W=${ROW_CELL_W:-14}
row() {   # label, then one cell per active tool
  local label=$1; shift
  printf "%-${ROW_LABEL_W}s" "$label"; printf " %${ROW_CELL_W}s" "$@"; echo
}
rowc() {  # label, FN [ARG...]: one cell per active tool, each the output of FN ARG... TOOL
  local label=$1 t out=(); shift
  for t in "${ACTIVE[@]}"; do out+=("$("$@" "$t")"); done
  row "$label" "${out[@]}"
}
med() { printf '%s\n' $1 | grep -E '^[0-9.]+$' | stats "${2:-2}" | cut -d' ' -f1; }   # "v v v", decimals
span() { printf '%s\n' $1 | grep -E '^[0-9.]+$' | stats "${2:-2}" | awk '{print $2 == "-" ? "-" : $2 "-" $3}'; }   # "min-max"
c_list() { local -n a=$1; echo "${a[$2]:-}" | xargs | tr ' ' '/'; }     # c_list ARRAY TOOL: per-run values a/b/c
c_runs() {  # c_runs ARRAY TOOL: like c_list, but "all v" when every run gave the same v
  local -n a=$1; local v
  v=$(echo "${a[$2]:-}" | xargs -n 1 | sort -u)
  if [ -n "$v" ] && [ "$(wc -l <<<"$v")" = 1 ]; then echo "all $v"; else c_list "$1" "$2"; fi
}
