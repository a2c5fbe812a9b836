---- MODULE Saga ----
(***************************************************************************)
(* An orchestrated saga (Garcia-Molina and Salem, "Sagas", SIGMOD 1987):   *)
(* a long transaction split into steps T1..TN, each a local transaction    *)
(* at its own service, each with a compensating transaction Ci that undoes *)
(* Ti semantically. The orchestrator runs T1, T2, ... in order; if a step  *)
(* fails, it runs the compensations of the steps that committed, newest    *)
(* first: C(i-1), ..., C1. The paper's guarantee: either T1..TN all        *)
(* commit, or T1..Tj commit and then Cj..C1 run.                           *)
(*                                                                         *)
(* The orchestrator calls a step by sending a request; the service commits *)
(* or fails the step and answers; the answer may be slow. The orchestrator *)
(* keeps what it knows (which steps committed, where it is) in a log. It   *)
(* can crash and restart.                                                  *)
(*   DurableLog = FALSE: the log is in memory; a restart finds no record   *)
(*     of the saga and reports it as failed.                               *)
(*   TimeoutIsFailure = TRUE: a request that has no answer yet may time    *)
(*     out, and the orchestrator then treats the step as failed.           *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC
CONSTANTS N,                 \* the number of steps
          DurableLog,        \* does the orchestrator's log survive a crash?
          TimeoutIsFailure,  \* does a timeout count as the step's failure?
          MaxCrashes         \* how many times the orchestrator may crash

Steps == 1..N

VARIABLES
  svc,       \* svc[i]: step i at its service: "idle", "committed", "failed", "compensated"
  req,       \* req[i]: the request for step i: "none", "sent", "answered"
  orch,      \* the orchestrator: "running", "compensating", "done", "aborted", "down"
  cur,       \* the step it is running, or the next one to compensate
  known,     \* the steps it knows committed (its log)
  comps,     \* the compensations run so far, in order (for ReverseOrder)
  saved,     \* what the log says the orchestrator was doing when it went down
  crashes    \* how many times it has crashed

vars == <<svc, req, orch, cur, known, comps, saved, crashes>>

TypeOK ==
  /\ svc \in [Steps -> {"idle", "committed", "failed", "compensated"}]
  /\ req \in [Steps -> {"none", "sent", "answered"}]
  /\ orch \in {"running", "compensating", "done", "aborted", "down"}
  /\ cur \in 0..N
  /\ known \subseteq Steps
  /\ comps \in Seq(Steps)
  /\ saved \in {"running", "compensating"}
  /\ crashes \in 0..MaxCrashes

Init ==
  /\ svc = [i \in Steps |-> "idle"]
  /\ req = [i \in Steps |-> "none"]
  /\ orch = "running"
  /\ cur = 1
  /\ known = {}
  /\ comps = <<>>
  /\ saved = "running"
  /\ crashes = 0

\* The orchestrator sends the request for the current step.
Invoke ==
  /\ orch = "running"
  /\ req[cur] = "none"
  /\ req' = [req EXCEPT ![cur] = "sent"]
  /\ UNCHANGED <<svc, orch, cur, known, comps, saved, crashes>>

\* The service runs step i: it commits or fails, and answers.
Execute(i) ==
  /\ req[i] = "sent"
  /\ svc[i] = "idle"
  /\ svc' \in {[svc EXCEPT ![i] = "committed"], [svc EXCEPT ![i] = "failed"]}
  /\ req' = [req EXCEPT ![i] = "answered"]
  /\ UNCHANGED <<orch, cur, known, comps, saved, crashes>>

\* The orchestrator reads the answer for the current step.
Receive ==
  /\ orch = "running"
  /\ req[cur] = "answered"
  /\ IF svc[cur] = "committed"
     THEN /\ known' = known \cup {cur}
          /\ IF cur = N THEN orch' = "done" /\ cur' = cur
                        ELSE orch' = "running" /\ cur' = cur + 1
     ELSE /\ known' = known                      \* the step failed: undo the others
          /\ orch' = "compensating"
          /\ cur' = cur - 1
  /\ UNCHANGED <<svc, req, comps, saved, crashes>>

\* No answer yet: the orchestrator gives up waiting and treats the step as failed.
Timeout ==
  /\ TimeoutIsFailure
  /\ orch = "running"
  /\ req[cur] = "sent"
  /\ orch' = "compensating"
  /\ cur' = cur - 1
  /\ UNCHANGED <<svc, req, known, comps, saved, crashes>>

\* Compensate the newest step not compensated yet (compensations are retried
\* until they succeed, so one step suffices here).
Compensate ==
  /\ orch = "compensating"
  /\ cur > 0
  /\ cur \in known
  /\ svc' = [svc EXCEPT ![cur] = "compensated"]
  /\ comps' = Append(comps, cur)
  /\ cur' = cur - 1
  /\ UNCHANGED <<req, orch, known, saved, crashes>>

\* Every committed step is compensated: the saga is aborted.
FinishAbort ==
  /\ orch = "compensating"
  /\ cur = 0
  /\ orch' = "aborted"
  /\ UNCHANGED <<svc, req, cur, known, comps, saved, crashes>>

\* The orchestrator crashes, and later restarts.
Crash ==
  /\ orch \in {"running", "compensating"}
  /\ crashes < MaxCrashes
  /\ orch' = "down"
  /\ saved' = orch
  /\ crashes' = crashes + 1
  /\ UNCHANGED <<svc, req, cur, known, comps>>

\* With a durable log it reads where it was and resumes. Without one it has
\* no record of the saga: it reports the saga failed, knowing of no step
\* to compensate.
Restart ==
  /\ orch = "down"
  /\ orch' = IF DurableLog THEN saved ELSE "aborted"
  /\ known' = IF DurableLog THEN known ELSE {}
  /\ UNCHANGED <<svc, req, cur, comps, saved, crashes>>

Finished == orch \in {"done", "aborted"} /\ \A i \in Steps : req[i] # "sent"
Done == Finished /\ UNCHANGED vars

Next ==
  \/ Invoke \/ \E i \in Steps : Execute(i) \/ Receive \/ Timeout
  \/ Compensate \/ FinishAbort \/ Crash \/ Restart \/ Done

Spec == Init /\ [][Next]_vars
          /\ WF_vars(Invoke) /\ WF_vars(Receive) /\ WF_vars(Compensate)
          /\ WF_vars(FinishAbort) /\ WF_vars(Restart)
          /\ \A i \in Steps : WF_vars(Execute(i))

(***************************************************************************)
(* Properties.                                                             *)
(***************************************************************************)
Committed(i) == svc[i] = "committed"

\* Semantic atomicity, as a check on the end state: once the saga is over and
\* no request is in flight, either every step committed or no step is left
\* committed (each one that committed was compensated).
SemanticAtomicity ==
  Finished => \/ \A i \in Steps : Committed(i)
              \/ \A i \in Steps : ~Committed(i)

\* Only a step that committed is compensated (an action property: every step
\* that turns a step "compensated" finds it "committed").
CompensateOnlyCommitted ==
  [][\A i \in Steps : (svc'[i] = "compensated" /\ svc[i] # "compensated")
                        => svc[i] = "committed"]_vars

\* Compensations run newest first.
ReverseOrder == \A k \in 1..(Len(comps) - 1) : comps[k] > comps[k + 1]

\* Termination under fairness: the saga finishes.
Terminates == <>Finished

\* Semantic atomicity as a temporal property: eventually, for good, all
\* committed or none.
EventuallyAtomic == <>[](\/ \A i \in Steps : Committed(i)
                         \/ \A i \in Steps : ~Committed(i))
====
