#!/bin/sh
# The floor: a shell that forks /bin/true and waits for it (the "exit"
# keeps the shell from exec'ing the last command in place of forking).
/bin/true
exit $?
