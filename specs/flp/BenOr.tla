---- MODULE BenOr ----
(***************************************************************************)
(* A consensus protocol that retries in rounds, after Ben-Or, "Another     *)
(* advantage of free choice: completely asynchronous agreement protocols"  *)
(* (PODC 1983), for three processes of which at most one crashes           *)
(* (n = 3, t = 1, so each process waits for n - t = 2 messages: its own    *)
(* and one more).                                                          *)
(*                                                                         *)
(* Each round has two phases. Phase 1: every process has reported its      *)
(* current value x; a process waits for one report besides its own and     *)
(* proposes v if both say v, else Unsure ("?"). Two processes cannot       *)
(* propose different values: that would need two 0s and two 1s among three *)
(* reports. Phase 2: a process waits for one proposal besides its own. If  *)
(* both are v it decides v; if one is v it adopts v; if both are Unsure it *)
(* picks its next value with the Coin:                                     *)
(*   "zero":   x := 0, a deterministic rule (FLP is about deterministic    *)
(*             protocols);                                                 *)
(*   "flip":   x := 1 - x, another deterministic rule;                     *)
(*   "random": x := 0 or 1, Ben-Or's coin, which the model checker treats  *)
(*             as a choice it may make either way (no probabilities).      *)
(* Then it reports its new value: the next round begins. A process that    *)
(* has decided keeps taking part, so the others can decide too.            *)
(*                                                                         *)
(* Asynchrony: which message reaches a process first is the network's      *)
(* choice, so "Propose(p, q)" (p acts on q's report) is enabled for every  *)
(* q whose report has been sent; later messages of a round a process has   *)
(* left are ignored. Crashed processes stop; what they sent stays sent.    *)
(*                                                                         *)
(* Rounds are counted from the slowest live process: rnd[p] is 0 or 1, and *)
(* a process finishes a round only when it is not ahead of the slowest     *)
(* live one (it runs at most one round ahead). When every live process is  *)
(* in round 1, the rounds shift down by one and the messages of the old    *)
(* round are dropped (nobody needs them). This keeps the state space       *)
(* finite; it only removes schedules (the network's choices), so every     *)
(* behaviour of this model is a behaviour of the protocol.                 *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS MaxCrashes,   \* at most this many processes crash (1)
          Coin,         \* "zero", "flip" or "random": the next x when both proposals are Unsure
          None,         \* "nothing yet": a model value
          Unsure        \* the proposal "?" (no value seen twice): a model value

Procs == 1..3
Nothing == [q \in Procs |-> None]

VARIABLES
  input,      \* input[p]: p's initial value, 0 or 1
  x,          \* x[p]: the value p currently backs
  rnd,        \* rnd[p]: p's round, 0 or 1, counted from the slowest live process
  phase,      \* phase[p]: 1 = waits for a report, 2 = waits for a proposal
  report,     \* report[k + 1][q]: the value q reported in round k (None: not yet)
  proposal,   \* proposal[k + 1][q]: q's proposal in round k: 0, 1, Unsure, or None
  decision,   \* decision[p]: 0, 1, or None
  crashed     \* the processes that have crashed

vars == <<input, x, rnd, phase, report, proposal, decision, crashed>>

TypeOK ==
  /\ input \in [Procs -> {0, 1}]
  /\ x \in [Procs -> {0, 1}]
  /\ rnd \in [Procs -> {0, 1}]
  /\ phase \in [Procs -> {1, 2}]
  /\ report \in [{1, 2} -> [Procs -> {0, 1, None}]]
  /\ proposal \in [{1, 2} -> [Procs -> {0, 1, Unsure, None}]]
  /\ decision \in [Procs -> {0, 1, None}]
  /\ crashed \subseteq Procs

\* Every process starts in round 0 and has reported its input.
Init ==
  /\ input \in [Procs -> {0, 1}]
  /\ x = input
  /\ rnd = [p \in Procs |-> 0]
  /\ phase = [p \in Procs |-> 1]
  /\ report = <<input, Nothing>>
  /\ proposal = <<Nothing, Nothing>>
  /\ decision = [p \in Procs |-> None]
  /\ crashed = {}

Alive(p) == p \notin crashed

\* The new round counters and messages, shifted down by one round when every
\* live process (live: still up after the step) has reached round 1.
Shift(r1, rep1, prop1, live) ==
  IF \A p \in live : r1[p] = 1
  THEN /\ rnd' = [p \in Procs |-> 0]
       /\ report' = <<rep1[2], Nothing>>
       /\ proposal' = <<prop1[2], Nothing>>
  ELSE /\ rnd' = r1
       /\ report' = rep1
       /\ proposal' = prop1

\* Phase 1: p has q's report (besides its own) and proposes.
Propose(p, q) ==
  LET k == rnd[p] + 1
      mine == report[k][p]
      theirs == report[k][q]
  IN /\ Alive(p) /\ p # q /\ phase[p] = 1
     /\ theirs # None
     /\ proposal' = [proposal EXCEPT ![k][p] = IF mine = theirs THEN mine ELSE Unsure]
     /\ phase' = [phase EXCEPT ![p] = 2]
     /\ UNCHANGED <<input, x, rnd, report, decision, crashed>>

\* The values the Coin may give p.
CoinValues(p) == CASE Coin = "zero" -> {0}
                   [] Coin = "flip" -> {1 - x[p]}
                   [] OTHER -> {0, 1}

\* Phase 2: p has q's proposal (besides its own): decide, adopt or use the
\* coin, then report the new value (round 1). Only a process in round 0 (not
\* ahead of the slowest) may finish its round.
NextRound(p, q) ==
  LET mine == proposal[1][p]
      theirs == proposal[1][q]
      seen == {mine, theirs} \ {Unsure}
  IN /\ Alive(p) /\ p # q /\ phase[p] = 2 /\ rnd[p] = 0
     /\ theirs # None
     /\ \E c \in CoinValues(p) :
          LET new == IF seen = {} THEN c ELSE CHOOSE v \in seen : TRUE
          IN /\ x' = [x EXCEPT ![p] = new]
             /\ decision' = IF mine = theirs /\ mine # Unsure /\ decision[p] = None
                            THEN [decision EXCEPT ![p] = mine]
                            ELSE decision
             /\ phase' = [phase EXCEPT ![p] = 1]
             /\ Shift([rnd EXCEPT ![p] = 1], [report EXCEPT ![2][p] = new], proposal,
                      Procs \ crashed)
     /\ UNCHANGED <<input, crashed>>

Crash(p) ==
  /\ Alive(p) /\ Cardinality(crashed) < MaxCrashes
  /\ crashed' = crashed \cup {p}
  /\ Shift(rnd, report, proposal, Procs \ crashed')
  /\ UNCHANGED <<input, x, phase, decision>>

Next ==
  \/ \E p, q \in Procs : Propose(p, q) \/ NextRound(p, q)
  \/ \E p \in Procs : Crash(p)

\* Fair: a message that a live process can act on is eventually acted on (it
\* is delivered, or the process moves on with another). Nothing forces a crash.
Fairness == \A p, q \in Procs : WF_vars(Propose(p, q)) /\ WF_vars(NextRound(p, q))

Spec == Init /\ [][Next]_vars /\ Fairness

\* One initial state with mixed inputs, for the CTL questions.
MixedSpec == Init /\ input = <<0, 1, 1>> /\ [][Next]_vars /\ Fairness

Agreement == \A p, q \in Procs : decision[p] # None /\ decision[q] # None
                                   => decision[p] = decision[q]

Validity == \A p \in Procs : decision[p] # None => \E q \in Procs : input[q] = decision[p]

\* Termination: eventually every process that has not crashed decides.
Finished == \A p \in Procs : p \in crashed \/ decision[p] # None
Termination == <>Finished

\* Atomic propositions for CTL and LTL: some process has decided 0 / 1 / anything.
decided0 == \E p \in Procs : decision[p] = 0
decided1 == \E p \in Procs : decision[p] = 1
decided == decided0 \/ decided1
====
