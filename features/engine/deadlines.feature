@engine
Feature: Deadlines declared in a workflow
  A workflow declares its deadlines as data. The engine computes them from recorded facts and a
  sweep makes the moves that time has made due, once, with no thread and no sleep.

  Background:
    Given the library catalogued the book "Laskar Pelangi"
    And the date is 2024-11-01
    And the librarian lends the book to member "m-7"

  Rule: A deadline is computed from the recorded facts

    Example: A lent book is due back in fourteen days
      Then the "loan" deadline is due on 2024-11-15
      And the "loan" deadline is not overdue on 2024-11-15

    Example: A deadline no longer applies once the record leaves its stage
      When the member gives the book back
      Then no deadline applies

  Rule: The sweep makes the moves time has made due, once

    Example: The sweep closes an overdue loan
      When the engine sweeps on 2024-11-16
      Then the book is at stage "overdue"
      And the recorded events are "Catalogued, Lent, Moved"
      And the last event was made by "sweeper" as "system" on 2024-11-16

    Example: A second sweep at the same time records nothing
      When the engine sweeps on 2024-11-16
      And the engine sweeps on 2024-11-16
      Then the recorded events are "Catalogued, Lent, Moved"

    Example: Nothing is due before the deadline
      When the engine sweeps on 2024-11-15
      Then the book is at stage "lent"
      And the recorded events are "Catalogued, Lent"
