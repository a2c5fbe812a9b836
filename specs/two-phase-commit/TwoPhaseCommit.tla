---- MODULE TwoPhaseCommit ----
(***************************************************************************)
(* Two-phase commit with a coordinator (the transaction manager, TM) that  *)
(* can crash, after Gray and Lamport, "Consensus on Transaction Commit"    *)
(* (ACM TODS 2006), which also describes Paxos Commit.                     *)
(*                                                                         *)
(* Each resource manager (RM) either prepares (votes yes) or aborts on its *)
(* own. The TM commits when every RM has prepared, or aborts at any time   *)
(* before that, and sends its decision. A prepared RM has given up its     *)
(* right to abort: it must wait for the decision.                          *)
(*                                                                         *)
(* The TM can crash at any time and, here, never comes back.               *)
(* Backup = TRUE adds what Paxos Commit provides: the votes and the        *)
(* decision are kept by a fault-tolerant group (2F+1 acceptors, so one     *)
(* crash is survived), and when the TM is gone another coordinator reads  *)
(* the recorded votes and finishes: commit if every RM prepared, else      *)
(* abort. (We model the acceptors' agreement as one reliable record, not   *)
(* message by message.)                                                    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS RM,       \* the resource managers, e.g. {r1, r2, r3}
          Backup    \* does a backup coordinator finish when the TM crashes?

VARIABLES
  rmState,    \* rmState[r]: "working", "prepared", "committed", "aborted"
  tmState,    \* the TM: "init", "done" (decision sent), "crashed"
  votes,      \* the RMs whose "Prepared" vote has been recorded
  decision    \* the decision sent to the RMs: "none", "commit", "abort"

vars == <<rmState, tmState, votes, decision>>

TypeOK ==
  /\ rmState \in [RM -> {"working", "prepared", "committed", "aborted"}]
  /\ tmState \in {"init", "done", "crashed"}
  /\ votes \subseteq RM
  /\ decision \in {"none", "commit", "abort"}

Init ==
  /\ rmState = [r \in RM |-> "working"]
  /\ tmState = "init"
  /\ votes = {}
  /\ decision = "none"

\* An RM prepares: it votes yes, and its vote is recorded. With the backup, a
\* decision already taken forbids late votes: an RM still working then can
\* no longer prepare (it will learn the abort).
Prepare(r) ==
  /\ rmState[r] = "working"
  /\ ~(Backup /\ decision # "none")
  /\ rmState' = [rmState EXCEPT ![r] = "prepared"]
  /\ votes' = votes \cup {r}
  /\ UNCHANGED <<tmState, decision>>

\* An RM that has not prepared may abort on its own (its vote is then "no").
AbortAlone(r) ==
  /\ rmState[r] = "working"
  /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
  /\ UNCHANGED <<tmState, votes, decision>>

TMCommit ==
  /\ tmState = "init"
  /\ votes = RM
  /\ tmState' = "done"
  /\ decision' = "commit"
  /\ UNCHANGED <<rmState, votes>>

TMAbort ==
  /\ tmState = "init"
  /\ tmState' = "done"
  /\ decision' = "abort"
  /\ UNCHANGED <<rmState, votes>>

TMCrash ==
  /\ tmState = "init"
  /\ tmState' = "crashed"
  /\ UNCHANGED <<rmState, votes, decision>>

\* The backup coordinator: when the TM has crashed before deciding, decide from
\* the recorded votes. An RM whose vote is missing counts as "no", and the
\* record keeps it from voting yes later (it will learn the abort).
BackupDecide ==
  /\ Backup
  /\ tmState = "crashed"
  /\ decision = "none"
  /\ decision' = IF votes = RM THEN "commit" ELSE "abort"
  /\ UNCHANGED <<rmState, tmState, votes>>

\* An RM learns the decision.
RMCommit(r) ==
  /\ decision = "commit"
  /\ rmState[r] = "prepared"
  /\ rmState' = [rmState EXCEPT ![r] = "committed"]
  /\ UNCHANGED <<tmState, votes, decision>>

RMAbort(r) ==
  /\ decision = "abort"
  /\ rmState[r] \in {"working", "prepared"}
  /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
  /\ UNCHANGED <<tmState, votes, decision>>

Finished == \A r \in RM : rmState[r] \in {"committed", "aborted"}
Done == Finished /\ UNCHANGED vars

Next ==
  \/ \E r \in RM : Prepare(r)
  \/ \E r \in RM : AbortAlone(r)
  \/ TMCommit \/ TMAbort \/ TMCrash \/ BackupDecide
  \/ \E r \in RM : RMCommit(r)
  \/ \E r \in RM : RMAbort(r)
  \/ Done

\* Everybody who is up takes the steps it can take: a TM that stays up
\* eventually commits or gives up waiting and aborts (a timeout). Nothing
\* forces TMCrash, nothing forbids it.
Fairness ==
  /\ WF_vars(TMCommit \/ TMAbort) /\ WF_vars(BackupDecide)
  /\ \A r \in RM : WF_vars(RMCommit(r)) /\ WF_vars(RMAbort(r))

Spec == Init /\ [][Next]_vars /\ Fairness

\* Safety: no RM commits while another aborts.
Consistent == \A r1, r2 \in RM : ~(rmState[r1] = "aborted" /\ rmState[r2] = "committed")

\* Liveness: an RM that has prepared eventually learns the outcome.
NotBlocked == \A r \in RM : rmState[r] = "prepared" ~> rmState[r] \in {"committed", "aborted"}
====
