---- MODULE LeaseLock ----
(***************************************************************************)
(* A lock service that grants leases, clients that can pause, and a        *)
(* storage service they write to (after Kleppmann, "How to do distributed  *)
(* locking", 2016).                                                        *)
(*                                                                         *)
(* A client asks for the lock, gets a lease with a token (1, 2, 3, ...:    *)
(* each grant gets the next number), writes once to the storage, and       *)
(* releases. The lease can expire at any moment: the lock service's clock  *)
(* runs while the client is stopped by a GC pause or a slow network, and   *)
(* the client does not notice. After it wakes up it still believes it      *)
(* holds the lock and sends its write.                                     *)
(*                                                                         *)
(* Fencing = TRUE: the storage remembers the highest token it has seen and *)
(* rejects a write with a smaller one.                                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC
CONSTANTS Clients,   \* the clients, e.g. {c1, c2}
          Rounds,    \* how many times each client asks for the lock
          Fencing    \* does the storage check tokens?

VARIABLES
  holder,     \* who holds the lease, according to the lock service ("none" if nobody)
  nextToken,  \* the token the next grant will carry
  pc,         \* each client: "idle", "waiting", "holding" (believes it holds the lock), "wrote"
  token,      \* each client: the token of its last lease (0: none yet)
  rounds,     \* each client: how many times it has asked for the lock
  maxSeen,    \* storage: the highest token it has accepted a write with
  log         \* storage: the writes it accepted, in order: <<client, token>>

vars == <<holder, nextToken, pc, token, rounds, maxSeen, log>>

TypeOK ==
  /\ holder \in Clients \cup {"none"}
  /\ nextToken \in 1..(Cardinality(Clients) * Rounds + 1)
  /\ pc \in [Clients -> {"idle", "waiting", "holding", "wrote"}]
  /\ token \in [Clients -> Nat]
  /\ rounds \in [Clients -> 0..Rounds]
  /\ maxSeen \in Nat
  /\ log \in Seq(Clients \X Nat)

Init ==
  /\ holder = "none"
  /\ nextToken = 1
  /\ pc = [c \in Clients |-> "idle"]
  /\ token = [c \in Clients |-> 0]
  /\ rounds = [c \in Clients |-> 0]
  /\ maxSeen = 0
  /\ log = <<>>

\* A client asks the lock service for the lock.
Request(c) ==
  /\ pc[c] = "idle"
  /\ rounds[c] < Rounds
  /\ pc' = [pc EXCEPT ![c] = "waiting"]
  /\ rounds' = [rounds EXCEPT ![c] = @ + 1]
  /\ UNCHANGED <<holder, nextToken, token, maxSeen, log>>

\* The lock service grants a free lock, with a fresh token.
Acquire(c) ==
  /\ pc[c] = "waiting"
  /\ holder = "none"
  /\ holder' = c
  /\ token' = [token EXCEPT ![c] = nextToken]
  /\ nextToken' = nextToken + 1
  /\ pc' = [pc EXCEPT ![c] = "holding"]
  /\ UNCHANGED <<rounds, maxSeen, log>>

\* The lease runs out. The holder is not told: it may be paused right now.
Expire ==
  /\ holder # "none"
  /\ holder' = "none"
  /\ UNCHANGED <<nextToken, pc, token, rounds, maxSeen, log>>

\* A client that believes it holds the lock writes to the storage, with its
\* token. With fencing, the storage rejects a token older than one it has seen.
Write(c) ==
  /\ pc[c] = "holding"
  /\ pc' = [pc EXCEPT ![c] = "wrote"]
  /\ IF Fencing /\ token[c] < maxSeen
     THEN UNCHANGED <<maxSeen, log>>                     \* rejected
     ELSE /\ log' = Append(log, <<c, token[c]>>)         \* accepted
          /\ maxSeen' = IF token[c] > maxSeen THEN token[c] ELSE maxSeen
  /\ UNCHANGED <<holder, nextToken, token, rounds>>

\* The client releases the lock (if its lease has expired, there is nothing to release).
Release(c) ==
  /\ pc[c] = "wrote"
  /\ pc' = [pc EXCEPT ![c] = "idle"]
  /\ holder' = IF holder = c THEN "none" ELSE holder
  /\ UNCHANGED <<nextToken, token, rounds, maxSeen, log>>

\* Every client has used up its rounds and is idle again: nothing left to do.
Done ==
  /\ \A c \in Clients : pc[c] = "idle" /\ rounds[c] = Rounds
  /\ UNCHANGED vars

Next ==
  \/ \E c \in Clients : Request(c)
  \/ \E c \in Clients : Acquire(c)
  \/ \E c \in Clients : Write(c)
  \/ \E c \in Clients : Release(c)
  \/ Expire
  \/ Done

Fairness == \A c \in Clients : WF_vars(Acquire(c)) /\ WF_vars(Write(c)) /\ WF_vars(Release(c))

Spec == Init /\ [][Next]_vars /\ Fairness

\* Safety: the storage's writes do not interleave between leases. Once it has
\* accepted a write made under lease k, it never accepts one made under an
\* older lease: all writes of lease 1 come before those of lease 2, and so on.
WritesInLeaseOrder ==
  \A i, j \in 1..Len(log) : i < j => log[i][2] <= log[j][2]

\* What the lock service itself promises: at most one lease at a time. True in
\* both variants; it is not enough, because a paused client acts on a lease it
\* no longer has.
OneLeaseAtATime == Cardinality({c \in Clients : holder = c}) <= 1

\* Liveness: a client that waits for the lock eventually gets it.
WaiterAcquires == \A c \in Clients : pc[c] = "waiting" ~> pc[c] = "holding"
====
