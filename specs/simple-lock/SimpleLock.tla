---- MODULE SimpleLock ----
(***************************************************************************)
(* A lock shared by processes: one owner at a time, the others wait.       *)
(* Release hands the lock to a waiting process, if there is one.           *)
(***************************************************************************)
EXTENDS Integers, TLC
CONSTANT Procs
VARIABLES lockOwner, waiting
vars == <<lockOwner, waiting>>

TypeOK == /\ lockOwner \in Procs \cup {"None"}
          /\ waiting \subseteq Procs

Init == /\ lockOwner = "None"
        /\ waiting = {}

TryAcquire(p) == /\ p \notin waiting
                 /\ p # lockOwner
                 /\ IF lockOwner = "None"
                    THEN /\ lockOwner' = p
                         /\ waiting' = waiting
                    ELSE /\ lockOwner' = lockOwner
                         /\ waiting' = waiting \cup {p}

Release(p) == /\ lockOwner = p
              /\ IF waiting = {}
                 THEN /\ lockOwner' = "None"
                      /\ waiting' = waiting
                 ELSE /\ \E q \in waiting:
                         /\ lockOwner' = q
                         /\ waiting' = waiting \ {q}

Next == \/ \E p \in Procs: TryAcquire(p)
        \/ \E p \in Procs: Release(p)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

\* The owner of the lock never waits for it.
OwnerNotWaiting == lockOwner \notin waiting

\* Whoever waits gets the lock eventually.
NoStarvation == \A p \in Procs : p \in waiting ~> lockOwner = p

\* The lock is released infinitely often (an action inside <<...>>_vars, as TLA+ requires).
ReleasedOften == []<><<\E p \in Procs : Release(p)>>_vars
====
