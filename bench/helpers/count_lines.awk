# Counts the writer's "line NNNNNNN" lines in a console transcript or a log file and checks order.
# Prints: arrived=<lines> disorder=<lines not exactly previous+1> first=<n> last=<n>
# Usage: awk -f count_lines.awk FILE   (console: "writer | line 0000001"; log: "<date> <time> line 0000001")
/(\| |[0-9] )line [0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/ {
  n = substr($0, length($0) - 6) + 0
  if (arrived == 0) first = n
  else if (n != prev + 1) disorder++
  arrived++; prev = n
}
END { printf "arrived=%d disorder=%d first=%d last=%d\n", arrived, disorder + 0, first + 0, prev + 0 }
