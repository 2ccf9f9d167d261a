@engine
Feature: Moves of a workflow
  The engine decides every command against the workflow definition: the stage the record is in,
  the role of the actor, then the rules of the move. A refused command records nothing.

  Background:
    Given the library catalogued the book "Bumi Manusia"

  Rule: A move is possible only from the stages it starts from

    Example: Lending an available book
      When the librarian lends the book to member "m-7"
      Then the book is at stage "lent"
      And the recorded events are "Catalogued, Lent"

    Example: Giving back a book that is not lent is refused
      When the member gives the book back
      Then the command is refused naming rule "L3"
      And the book is at stage "available"
      And the book's version is 1

  Rule: Only the roles of a move may make it

    Example: A member may not lend a book
      When a member lends the book to member "m-7"
      Then the command is refused naming rule "L0"
      And the book's version is 1

  Rule: L1 A blocked member may not borrow

    Example: A blocked member is refused with the reason
      When the librarian lends the book to blocked member "m-9"
      Then the command is refused naming rule "L1"
      And the refusal says "settle their fines first"
      And the recorded events are "Catalogued"

  Rule: Every event records who, when, and under which rules

    Example: The envelope of a move
      Given the date is 2024-11-07
      When the librarian lends the book to member "m-7"
      Then the last event was made by "lib-1" as "librarian" on 2024-11-07
      And the last event checked rules "L0, L1, L2"
