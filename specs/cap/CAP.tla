---- MODULE CAP ----
(***************************************************************************)
(* Two replicas of one register, two clients, and a network that can      *)
(* partition (after Gilbert and Lynch, "Brewer's conjecture and the        *)
(* feasibility of consistent, available, partition-tolerant web services", *)
(* 2002: the proof uses exactly two sides, a write on one, a read on the   *)
(* other).                                                                 *)
(*                                                                         *)
(* Client w writes through replica r1, client r reads through replica r2.  *)
(* While the network is up a replica answers only after the other replica  *)
(* has the value too (synchronous replication), so reads see every         *)
(* acknowledged write. During a partition a replica cannot reach the       *)
(* other, and the Policy decides what it does:                             *)
(*   "CP": it does not answer until the partition heals;                   *)
(*   "AP": it answers from its own copy (and a write is sent on after the  *)
(*         partition heals).                                               *)
(***************************************************************************)
EXTENDS Naturals, TLC
CONSTANTS Policy,           \* "CP" or "AP"
          MaxWrites,        \* the writer writes the values 1, 2, ..., MaxWrites
          Partitions        \* can the network partition at all? (FALSE: never)

Replicas == {"r1", "r2"}
Clients == {"w", "r"}
home == [c \in Clients |-> IF c = "w" THEN "r1" ELSE "r2"]
Other(x) == IF x = "r1" THEN "r2" ELSE "r1"

VARIABLES
  val,          \* val[x]: the value replica x holds (0 at first)
  partitioned,  \* is the network split between r1 and r2?
  req,          \* req[c]: the request client c waits an answer to: "none", "read", "write"
  nextVal,      \* the value the writer writes next
  acked,        \* the highest write acknowledged to the writer so far
  lastRead      \* the last answered read: [got |-> value returned, floor |-> acked when it was answered]

vars == <<val, partitioned, req, nextVal, acked, lastRead>>

TypeOK ==
  /\ val \in [Replicas -> 0..MaxWrites]
  /\ partitioned \in BOOLEAN
  /\ req \in [Clients -> {"none", "read", "write"}]
  /\ nextVal \in 1..(MaxWrites + 1)
  /\ acked \in 0..MaxWrites
  /\ lastRead \in [got : 0..MaxWrites, floor : 0..MaxWrites]

Init ==
  /\ val = [x \in Replicas |-> 0]
  /\ partitioned = FALSE
  /\ req = [c \in Clients |-> "none"]
  /\ nextVal = 1
  /\ acked = 0
  /\ lastRead = [got |-> 0, floor |-> 0]

\* The clients send requests, one at a time each.
RequestWrite ==
  /\ req["w"] = "none"
  /\ nextVal <= MaxWrites
  /\ req' = [req EXCEPT !["w"] = "write"]
  /\ UNCHANGED <<val, partitioned, nextVal, acked, lastRead>>

RequestRead ==
  /\ req["r"] = "none"
  /\ req' = [req EXCEPT !["r"] = "read"]
  /\ UNCHANGED <<val, partitioned, nextVal, acked, lastRead>>

\* The network splits, or heals. When it heals the replicas exchange what they
\* missed; values only grow, so each keeps the larger.
Partition ==
  /\ Partitions
  /\ ~partitioned
  /\ partitioned' = TRUE
  /\ UNCHANGED <<val, req, nextVal, acked, lastRead>>

Heal ==
  /\ partitioned
  /\ partitioned' = FALSE
  /\ LET top == IF val["r1"] >= val["r2"] THEN val["r1"] ELSE val["r2"]
     IN val' = [x \in Replicas |-> top]
  /\ UNCHANGED <<req, nextVal, acked, lastRead>>

\* A replica may answer a request now: always while the network is up; during
\* a partition only with the AP policy.
CanAnswer == IF partitioned THEN Policy = "AP" ELSE TRUE

\* The writer's replica stores the value, copies it to the other replica if it
\* can reach it, and acknowledges.
AnswerWrite ==
  /\ req["w"] = "write"
  /\ CanAnswer
  /\ val' = IF partitioned
            THEN [val EXCEPT ![home["w"]] = nextVal]
            ELSE [x \in Replicas |-> nextVal]
  /\ acked' = nextVal
  /\ nextVal' = nextVal + 1
  /\ req' = [req EXCEPT !["w"] = "none"]
  /\ UNCHANGED <<partitioned, lastRead>>

\* The reader's replica answers with the value it holds.
AnswerRead ==
  /\ req["r"] = "read"
  /\ CanAnswer
  /\ lastRead' = [got |-> val[home["r"]], floor |-> acked]
  /\ req' = [req EXCEPT !["r"] = "none"]
  /\ UNCHANGED <<val, partitioned, nextVal, acked>>

Next ==
  \/ RequestWrite \/ RequestRead
  \/ Partition \/ Heal
  \/ AnswerWrite \/ AnswerRead

\* The replicas answer every request they can (weak fairness); the partition
\* may last forever: nothing forces Heal.
Spec == Init /\ [][Next]_vars /\ WF_vars(AnswerWrite) /\ WF_vars(AnswerRead)

\* Strong fairness: a replica answers a request that it is able to answer
\* again and again (even if not without a break), as when the network flaps.
StrongSpec == Init /\ [][Next]_vars /\ SF_vars(AnswerWrite) /\ SF_vars(AnswerRead)

(***************************************************************************)
(* Consistency (Gilbert and Lynch's "atomic", i.e. linearizable, for a     *)
(* register whose writes grow): a read that starts after a write was       *)
(* acknowledged returns that write or a later one. Our reads are answered  *)
(* in one step, so "starts after" means "answered after".                  *)
(***************************************************************************)
NoStaleRead == lastRead.got >= lastRead.floor

\* Availability: every request gets an answer.
Availability == \A c \in Clients : req[c] # "none" ~> req[c] = "none"
====
