# Like count_lines.awk, for any tool's output: counts the lines that END in the writer's
# "line NNNNNNN" whatever the prefix ("[writer] ", "6:30:24 AM writer.1 |  ", "06:30 writer.1 | ",
# none in supervisord's log) and checks their order.
# Prints: arrived=<lines> disorder=<lines not exactly previous+1> first=<n> last=<n>
# Usage: awk -f count_any.awk FILE
/(^|[^A-Za-z])line [0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/ {
  n = substr($0, length($0) - 6) + 0
  if (arrived == 0) first = n
  else if (n != prev + 1) disorder++
  arrived++; prev = n
}
END { printf "arrived=%d disorder=%d first=%d last=%d\n", arrived, disorder + 0, first + 0, prev + 0 }
