---- MODULE FLP ----
(***************************************************************************)
(* Consensus among N processes with binary inputs, over an asynchronous    *)
(* network, when one process may crash (Fischer, Lynch and Paterson,       *)
(* "Impossibility of distributed consensus with one faulty process",       *)
(* JACM 1985).                                                             *)
(*                                                                         *)
(* Each process broadcasts its input once, collects the inputs of the      *)
(* others as they arrive (in any order, after any delay), and decides when *)
(* it has Quorum votes, its own included: the majority of the votes it     *)
(* has, a tie going to 0. A crashed process takes no more steps; what it   *)
(* sent before crashing is still delivered. Nobody can tell a crashed      *)
(* process from a slow one: there are no clocks, so no timeouts.           *)
(*   Quorum = N:     wait for every vote;                                  *)
(*   Quorum = N - 1: wait for all but one, since one may never come.       *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS N,            \* the number of processes (3)
          Quorum,       \* how many votes a process waits for, its own included
          MaxCrashes,   \* at most this many processes crash (1)
          None          \* "not decided yet": a model value, unequal to 0 and 1

Procs == 1..N

VARIABLES
  input,      \* input[p]: p's initial value, 0 or 1
  sent,       \* sent[p]: has p broadcast its vote?
  recv,       \* recv[p]: the processes whose vote p has received
  decision,   \* decision[p]: 0, 1, or None
  crashed     \* the processes that have crashed

vars == <<input, sent, recv, decision, crashed>>

TypeOK ==
  /\ input \in [Procs -> {0, 1}]
  /\ sent \in [Procs -> BOOLEAN]
  /\ recv \in [Procs -> SUBSET Procs]
  /\ decision \in [Procs -> {0, 1, None}]
  /\ crashed \subseteq Procs

Init ==
  /\ input \in [Procs -> {0, 1}]          \* every combination of inputs
  /\ sent = [p \in Procs |-> FALSE]
  /\ recv = [p \in Procs |-> {}]
  /\ decision = [p \in Procs |-> None]
  /\ crashed = {}

Alive(p) == p \notin crashed

Broadcast(p) ==
  /\ Alive(p) /\ ~sent[p]
  /\ sent' = [sent EXCEPT ![p] = TRUE]
  /\ UNCHANGED <<input, recv, decision, crashed>>

\* The network delivers p's vote to q, at a time of its choosing.
Deliver(p, q) ==
  /\ p # q /\ sent[p] /\ p \notin recv[q]
  /\ Alive(q) /\ decision[q] = None
  /\ recv' = [recv EXCEPT ![q] = @ \cup {p}]
  /\ UNCHANGED <<input, sent, decision, crashed>>

Votes(p) == recv[p] \cup {p}
Ones(p) == Cardinality({q \in Votes(p) : input[q] = 1})
Zeros(p) == Cardinality({q \in Votes(p) : input[q] = 0})

Decide(p) ==
  /\ Alive(p) /\ sent[p] /\ decision[p] = None
  /\ Cardinality(Votes(p)) >= Quorum
  /\ decision' = [decision EXCEPT ![p] = IF Ones(p) > Zeros(p) THEN 1 ELSE 0]
  /\ UNCHANGED <<input, sent, recv, crashed>>

Crash(p) ==
  /\ Alive(p) /\ Cardinality(crashed) < MaxCrashes
  /\ crashed' = crashed \cup {p}
  /\ UNCHANGED <<input, sent, recv, decision>>

\* Every process that is still up has decided: the run is over.
Finished == \A p \in Procs : p \in crashed \/ decision[p] # None
Done == Finished /\ UNCHANGED vars

Next ==
  \/ \E p \in Procs : Broadcast(p)
  \/ \E p, q \in Procs : Deliver(p, q)
  \/ \E p \in Procs : Decide(p)
  \/ \E p \in Procs : Crash(p)
  \/ Done

\* Fair: every process that can take a step eventually takes it, and every
\* message to a live process is eventually delivered. Nothing forces a crash.
Fairness ==
  \A p \in Procs : /\ WF_vars(Broadcast(p))
                   /\ WF_vars(Decide(p))
                   /\ \A q \in Procs : WF_vars(Deliver(p, q))

Spec == Init /\ [][Next]_vars /\ Fairness

\* One initial state with mixed inputs, for the CTL questions.
MixedSpec == Init /\ input = <<0, 1, 1>> /\ [][Next]_vars /\ Fairness

\* Agreement: no two processes decide differently.
Agreement == \A p, q \in Procs : decision[p] # None /\ decision[q] # None
                                   => decision[p] = decision[q]

\* Validity: a decision is somebody's input.
Validity == \A p \in Procs : decision[p] # None => \E q \in Procs : input[q] = decision[p]

\* Termination: eventually every process that has not crashed decides.
Termination == <>Finished

\* Atomic propositions for CTL: some process has decided 0 / 1.
decided0 == \E p \in Procs : decision[p] = 0
decided1 == \E p \in Procs : decision[p] = 1
====
