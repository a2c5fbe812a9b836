---- MODULE FlinkCheckpoint ----
(***************************************************************************)
(* Flink's checkpoints: asynchronous barrier snapshotting (Carbone et al., *)
(* "Lightweight Asynchronous Snapshots for Distributed Dataflows", 2015,   *)
(* after Chandy and Lamport), with a two-phase-commit sink (Flink's        *)
(* TwoPhaseCommitSinkFunction).                                            *)
(*                                                                         *)
(* The job: two sources, each reading a log of Records records by offset;  *)
(* a FIFO channel from each source to one operator with two inputs, whose  *)
(* keyed state counts the records of each key (the key is the source);    *)
(* a FIFO channel from the operator to a sink that writes the records to   *)
(* an external system in transactions.                                     *)
(*                                                                         *)
(* Checkpoint n: the coordinator triggers it; each source puts barrier n   *)
(* into its channel and snapshots its offset; the operator, when a barrier *)
(* arrives on an input, blocks that input (alignment) until the barrier    *)
(* has arrived on every input, then snapshots its state, forwards the      *)
(* barrier and unblocks; the sink, at the barrier, pre-commits its open    *)
(* transaction (flush; keep it in the snapshot). Each task acknowledges;   *)
(* when all have, the checkpoint is complete, and the sink is told to      *)
(* commit the transaction it pre-committed for it.                         *)
(*                                                                         *)
(* A failure restarts the job from the last completed checkpoint: the      *)
(* sources rewind to its offsets, the operator gets its state back, the    *)
(* channels are emptied, and the sink commits the transaction of that      *)
(* checkpoint if not done yet and aborts the others.                       *)
(*                                                                         *)
(* Aligned = FALSE: the operator does not block an input after its barrier *)
(* (Flink's at-least-once mode). EagerSink = TRUE: the sink commits its    *)
(* transaction at the barrier instead of waiting for the checkpoint to     *)
(* complete.                                                               *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC
CONSTANTS Sources,         \* the sources (and keys), e.g. {s1, s2}
          Records,         \* records per source
          MaxCheckpoints,  \* checkpoints the coordinator triggers at most
          MaxFailures,     \* failures at most
          Aligned,         \* does the operator align barriers?
          EagerSink        \* does the sink commit at the barrier (before completion)?

Tasks == Sources \cup {"op", "sink"}
Rec(s, k) == [kind |-> "rec", src |-> s, k |-> k]
Bar(n) == [kind |-> "bar", n |-> n]

VARIABLES
  offset,     \* offset[s]: how many records source s has emitted
  ch,         \* ch[s]: the channel from source s to the operator (FIFO)
  count,      \* count[s]: the operator's keyed state for key s
  blocked,    \* the inputs the operator has received the current barrier on
  out,        \* the channel from the operator to the sink (FIFO)
  txn,        \* the sink's open transaction: records written, not committed
  pending,    \* the sink's pre-committed transactions: [n |-> records]
  external,   \* what the external system has committed, in order
  ckpt,       \* the checkpoint in progress (0: none)
  acks,       \* the tasks that have acknowledged it
  snap,       \* its snapshot so far: [offset |-> ..., count |-> ...]
  completed,  \* the last completed checkpoint: [n, offset, count]
  triggered,  \* how many checkpoints have been triggered
  failures    \* how many failures have happened

vars == <<offset, ch, count, blocked, out, txn, pending, external, ckpt, acks,
          snap, completed, triggered, failures>>

Zero == [s \in Sources |-> 0]

Init ==
  /\ offset = Zero
  /\ ch = [s \in Sources |-> <<>>]
  /\ count = Zero
  /\ blocked = {}
  /\ out = <<>>
  /\ txn = <<>>
  /\ pending = <<>>
  /\ external = <<>>
  /\ ckpt = 0
  /\ acks = {}
  /\ snap = [offset |-> Zero, count |-> Zero]
  /\ completed = [n |-> 0, offset |-> Zero, count |-> Zero]
  /\ triggered = 0
  /\ failures = 0

\* A source reads its next record and emits it.
Emit(s) ==
  /\ offset[s] < Records
  /\ offset' = [offset EXCEPT ![s] = @ + 1]
  /\ ch' = [ch EXCEPT ![s] = Append(@, Rec(s, offset[s] + 1))]
  /\ UNCHANGED <<count, blocked, out, txn, pending, external, ckpt, acks, snap,
                 completed, triggered, failures>>

\* The coordinator triggers the next checkpoint (one at a time).
Trigger ==
  /\ ckpt = 0
  /\ triggered < MaxCheckpoints
  /\ triggered' = triggered + 1
  /\ ckpt' = triggered + 1
  /\ acks' = {}
  /\ UNCHANGED <<offset, ch, count, blocked, out, txn, pending, external, snap,
                 completed, failures>>

\* A source injects the barrier and snapshots its offset: the records before
\* the barrier are exactly those it has emitted.
InjectBarrier(s) ==
  /\ ckpt # 0
  /\ s \notin acks
  /\ ch' = [ch EXCEPT ![s] = Append(@, Bar(ckpt))]
  /\ snap' = [snap EXCEPT !.offset[s] = offset[s]]
  /\ acks' = acks \cup {s}
  /\ UNCHANGED <<offset, count, blocked, out, txn, pending, external, ckpt,
                 completed, triggered, failures>>

\* The operator takes the head of input s: a record updates the state for
\* its key and goes on to the sink; a barrier marks the input. An input whose
\* barrier has arrived is not read (Aligned) until all barriers are in.
Process(s) ==
  /\ ch[s] # <<>>
  /\ ~(Aligned /\ s \in blocked)
  /\ LET m == Head(ch[s]) IN
     IF m.kind = "rec"
     THEN /\ count' = [count EXCEPT ![s] = @ + 1]
          /\ out' = Append(out, m)
          /\ ch' = [ch EXCEPT ![s] = Tail(@)]
          /\ UNCHANGED <<blocked, snap, acks>>
     ELSE /\ ch' = [ch EXCEPT ![s] = Tail(@)]
          /\ IF blocked \cup {s} = Sources
             THEN \* the last barrier: snapshot, forward the barrier, unblock
                  /\ snap' = [snap EXCEPT !.count = count]
                  /\ out' = Append(out, m)
                  /\ acks' = acks \cup {"op"}
                  /\ blocked' = {}
             ELSE /\ blocked' = blocked \cup {s}
                  /\ UNCHANGED <<snap, out, acks>>
          /\ UNCHANGED count
  /\ UNCHANGED <<offset, txn, pending, external, ckpt, completed, triggered,
                 failures>>

\* The sink takes the head of its input: a record is written into the open
\* transaction; at a barrier the transaction is pre-committed (or, EagerSink,
\* committed right away) and a new one opened.
Sink ==
  /\ out # <<>>
  /\ LET m == Head(out) IN
     IF m.kind = "rec"
     THEN /\ txn' = Append(txn, m)
          /\ UNCHANGED <<pending, external, acks>>
     ELSE /\ txn' = <<>>
          /\ IF EagerSink
             THEN /\ external' = external \o txn
                  /\ UNCHANGED pending
             ELSE /\ pending' = Append(pending, [n |-> m.n, recs |-> txn])
                  /\ UNCHANGED external
          /\ acks' = acks \cup {"sink"}
  /\ out' = Tail(out)
  /\ UNCHANGED <<offset, ch, count, blocked, ckpt, snap, completed, triggered,
                 failures>>

\* Every task has acknowledged: the checkpoint is complete.
Complete ==
  /\ ckpt # 0
  /\ acks = Tasks
  /\ completed' = [n |-> ckpt, offset |-> snap.offset, count |-> snap.count]
  /\ ckpt' = 0
  /\ UNCHANGED <<offset, ch, count, blocked, out, txn, pending, external, acks,
                 snap, triggered, failures>>

\* The sink learns that checkpoint n completed and commits its transaction.
Commit ==
  /\ pending # <<>>
  /\ Head(pending).n <= completed.n
  /\ external' = external \o Head(pending).recs
  /\ pending' = Tail(pending)
  /\ UNCHANGED <<offset, ch, count, blocked, out, txn, ckpt, acks, snap,
                 completed, triggered, failures>>

\* A task fails; the job restarts from the last completed checkpoint.
Fail ==
  /\ failures < MaxFailures
  /\ failures' = failures + 1
  /\ offset' = completed.offset
  /\ count' = completed.count
  /\ ch' = [s \in Sources |-> <<>>]
  /\ out' = <<>>
  /\ blocked' = {}
  /\ txn' = <<>>
  \* commit what the restored checkpoint pre-committed; abort the rest
  /\ LET done == SelectSeq(pending, LAMBDA t : t.n <= completed.n)
         F[i \in 0..Len(done)] == IF i = 0 THEN <<>> ELSE F[i - 1] \o done[i].recs
     IN external' = external \o F[Len(done)]
  /\ pending' = <<>>
  /\ ckpt' = 0
  /\ acks' = {}
  /\ UNCHANGED <<snap, completed, triggered>>

Quiet == \A s \in Sources : offset[s] = Records /\ ch[s] = <<>>
Finished ==
  /\ Quiet /\ out = <<>> /\ ckpt = 0 /\ pending = <<>>
  /\ triggered = MaxCheckpoints
Done == Finished /\ UNCHANGED vars

Next ==
  \/ \E s \in Sources : Emit(s)
  \/ Trigger
  \/ \E s \in Sources : InjectBarrier(s)
  \/ \E s \in Sources : Process(s)
  \/ Sink \/ Complete \/ Commit \/ Fail \/ Done

Fairness ==
  /\ WF_vars(Trigger) /\ WF_vars(Sink) /\ WF_vars(Complete) /\ WF_vars(Commit)
  /\ \A s \in Sources : WF_vars(Emit(s)) /\ WF_vars(InjectBarrier(s)) /\ WF_vars(Process(s))

Spec == Init /\ [][Next]_vars /\ Fairness

(***************************************************************************)
(* Properties.                                                             *)
(***************************************************************************)
\* A completed checkpoint is a consistent cut: for every key, the state in
\* the snapshot counts exactly the records before that source's barrier.
ConsistentCut == \A s \in Sources : completed.count[s] = completed.offset[s]

\* Exactly-once state: every record a source has emitted (since the offset it
\* last restarted from) is counted once, or is still in its channel.
InFlight(s) == Cardinality({i \in 1..Len(ch[s]) : ch[s][i].kind = "rec"})
ExactlyOnceState == \A s \in Sources : count[s] + InFlight(s) = offset[s]

\* Exactly-once output: the external system never holds a record twice.
NoDuplicateOutput ==
  \A i, j \in 1..Len(external) : i # j => external[i] # external[j]

\* Every triggered checkpoint completes or is aborted (by a failure).
CheckpointsEnd == \A n \in 1..MaxCheckpoints : ckpt = n ~> ckpt # n
====
