---- MODULE SimpleLock ----
(***************************************************************************)
(* A lock shared by processes: one owner at a time, the others wait.       *)
(* Release hands the lock to a waiting process, if there is one.           *)
(* pc[p] is where process p is in its loop: idle -> waiting -> cs -> idle. *)
(* Buggy = TRUE breaks TryAcquire on purpose (it skips the "is the lock    *)
(* free?" test), to see which invariants notice.                           *)
(***************************************************************************)
EXTENDS Integers, TLC
CONSTANTS Procs, Buggy
VARIABLES lockOwner, waiting, pc
vars == <<lockOwner, waiting, pc>>

TypeOK == /\ lockOwner \in Procs \cup {"None"}
          /\ waiting \subseteq Procs
          /\ pc \in [Procs -> {"idle", "waiting", "cs"}]

Init == /\ lockOwner = "None"
        /\ waiting = {}
        /\ pc = [p \in Procs |-> "idle"]

TryAcquire(p) == /\ pc[p] = "idle"
                 /\ IF lockOwner = "None" \/ Buggy
                    THEN /\ lockOwner' = p
                         /\ waiting' = waiting
                         /\ pc' = [pc EXCEPT ![p] = "cs"]
                    ELSE /\ lockOwner' = lockOwner
                         /\ waiting' = waiting \cup {p}
                         /\ pc' = [pc EXCEPT ![p] = "waiting"]

Release(p) == /\ pc[p] = "cs"
              /\ IF waiting = {}
                 THEN /\ lockOwner' = "None"
                      /\ waiting' = waiting
                      /\ pc' = [pc EXCEPT ![p] = "idle"]
                 ELSE \E q \in waiting:
                         /\ lockOwner' = q
                         /\ waiting' = waiting \ {q}
                         /\ pc' = [pc EXCEPT ![p] = "idle", ![q] = "cs"]

Next == \/ \E p \in Procs: TryAcquire(p)
        \/ \E p \in Procs: Release(p)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

\* The invariant the first version shipped. Its body is "A => A": true in
\* every state of every spec, so it checks nothing.
VacuousMutex == \A p \in Procs : p # lockOwner => p # lockOwner

\* Mutual exclusion: at most one process is in its critical section.
Mutex == \A p, q \in Procs : (pc[p] = "cs" /\ pc[q] = "cs") => p = q

\* The lock's bookkeeping agrees with the processes: the owner is the one in
\* its critical section, and the waiters are the processes that wait.
LockAgrees == /\ \A p \in Procs : pc[p] = "cs" <=> lockOwner = p
              /\ waiting = {p \in Procs : pc[p] = "waiting"}

\* The owner of the lock never waits for it.
OwnerNotWaiting == lockOwner \notin waiting

\* Whoever waits gets the lock eventually.
NoStarvation == \A p \in Procs : pc[p] = "waiting" ~> pc[p] = "cs"

\* The lock is released infinitely often. The first version wrote
\*   []<>(lockOwner = "None" \/ \E p \in Procs: Release(p) /\ waiting # {})
\* which is not TLA+: <> applies to state predicates and temporal formulas, and
\* Release(p) is an action. To speak of an action happening, wrap it in
\* <<...>>_vars ("a step of Release that changes vars").
Liveness == []<><<\E p \in Procs : Release(p)>>_vars
====
