# Control agent for the JUnit extension (LAB_MODE=agent), sourced by init.sh. The host writes
# a command to $LAB_SCRATCH/cmd/ID.sh and sends "RUN ID HOST" on the console ("-" as HOST: the
# guest's root namespace). Every command runs as its own session (setsid), so the host can
# stop it and all its children by group: "@@lab PID ID PGID" then "@@lab DONE ID RC".
# stdout and stderr go to ID.out and ID.err next to the command (hostfs writes are
# write-through, so the host reads them once DONE is printed). EOF on the console powers off.
C="$LAB_SCRATCH/cmd"
stty raw -echo </dev/console 2>/dev/null
echo "@@lab AGENT"
while read -r verb id host; do
  case $verb in
    RUN)
      (
        if [ "$host" = - ]; then
          setsid sh "$C/$id.sh" >"$C/$id.out" 2>"$C/$id.err" </dev/null &
        else
          setsid ip netns exec "$host" sh "$C/$id.sh" >"$C/$id.out" 2>"$C/$id.err" </dev/null &
        fi
        p=$!
        echo "@@lab PID $id $p"
        wait "$p"
        echo "@@lab DONE $id $?"
      ) &
      ;;
    PING) echo "@@lab PONG $id" ;;
    QUIT) break ;;
  esac
done
