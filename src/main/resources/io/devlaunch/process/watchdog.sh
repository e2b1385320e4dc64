# devlaunch's watchdog: stops what a supervisor started when that supervisor dies without stopping
# it (SIGKILL, the OOM killer, a JVM crash). Run as `sh -c SCRIPT`, its own session, stdout and
# stderr on /dev/null, stdin a pipe that only the supervisor writes to. POSIX sh (dash: ~1 MB):
# no second JVM, and blocked in `read` while idle, so it costs no CPU.
#
# Lines from the supervisor:
#   add PID START MS [g]  PID, whose /proc/PID/stat field 22 is START, is ours; KILL it MS ms after
#                         TERM; g: it leads its own process group, which goes with it
#   del PID               it ended (or is no longer ours)
#   quit                  the supervisor stopped everything itself: exit, touching nothing
# End of input without `quit` means the supervisor died: every recorded process whose start time
# still matches gets SIGTERM (its group too), SIGKILL at its deadline, and the watchdog exits.

# The supervisor's group or terminal being signalled must not end us before our work is done.
trap '' INT HUP TERM QUIT PIPE TSTP TTIN TTOU

pids=' '

# Results go in variables, not through $(…): a command substitution forks, and these run for every
# process on every pass while the clock runs.

# st: the start time (field 22) of a live, non-zombie PID; empty when it is gone. The command name
# (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
start_of() {
    st= line=
    read -r line 2>/dev/null < "/proc/$1/stat" || [ -n "$line" ] || return 0
    set -- ${line##*) }
    case $1 in Z|X) return 0 ;; esac
    shift 19
    st=$1
}

# True when PID still is the process we were told about: never signal a PID the OS has reused.
ours() {
    eval "want=\${s_$1-}"
    [ -n "$want" ] || return 1
    start_of "$1"
    [ "$st" = "$want" ]
}

# now: centiseconds since boot.
now_cs() {
    read -r up _ < /proc/uptime
    now=${up%.*}${up#*.}
}

while read -r cmd pid start ms group; do
    case $cmd in
        add)
            case $pid$start$ms in *[!0-9]*|'') continue ;; esac
            case $pids in *" $pid "*) ;; *) pids="$pids$pid " ;; esac
            eval "s_$pid=$start; t_$pid=$ms; g_$pid=${group:+1}"
            ;;
        del)
            case $pid in *[!0-9]*|'') continue ;; esac
            unset "s_$pid" "t_$pid" "g_$pid"
            case $pids in *" $pid "*) pids="${pids%%" $pid "*} ${pids#*" $pid "}" ;; esac
            ;;
        quit) exit 0 ;;
    esac
done

# EOF: the supervisor is gone. TERM every process still ours (and its group), all at once.
now_cs
began=$now
for pid in $pids; do
    ours "$pid" || continue
    eval "grp=\${g_$pid-}"
    [ -n "$grp" ] && kill -s TERM -- "-$pid" 2>/dev/null
    kill -s TERM "$pid" 2>/dev/null
done

# Each process gets its own stop-timeout, then SIGKILL; identity is checked again at that moment.
while :; do
    left=
    now_cs
    elapsed_ms=$(( (now - began) * 10 ))
    for pid in $pids; do
        ours "$pid" || continue
        eval "ms=\${t_$pid}; grp=\${g_$pid-}"
        if [ "$elapsed_ms" -ge "$ms" ]; then
            [ -n "$grp" ] && kill -s KILL -- "-$pid" 2>/dev/null
            kill -s KILL "$pid" 2>/dev/null
            unset "s_$pid"
        else
            left=1
        fi
    done
    [ -z "$left" ] && exit 0
    sleep 0.05 2>/dev/null || sleep 1
done
