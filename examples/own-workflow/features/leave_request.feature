Feature: Leave requests
  An employee asks for days of leave. A manager approves or rejects the request within five
  days (LV4), or it lapses. Leave is approved only within what the employee has left this
  year (LV1), no one approves their own leave (LV2), only a manager decides (LV3), and only
  the employee who asked cancels (LV5).

  Background:
    Given today is 2024-11-04
    And Sari has an allowance of 12 days

  Scenario: A manager approves a request within the allowance
    When employee Sari asks for 3 days of leave from 2024-11-18
    And manager Budi approves the request
    Then the request is approved
    And Sari has 9 days left

  Scenario: A request beyond what is left is refused
    When employee Sari asks for 15 days of leave from 2024-12-02
    And manager Budi approves the request
    Then the command is refused under rule LV1
    And the request is requested
    And Sari has 12 days left

  Scenario: No one approves their own leave
    When manager Budi asks for 2 days of leave from 2024-11-20
    And manager Budi approves the request
    Then the command is refused under rule LV2

  Scenario: Only a manager decides
    When employee Sari asks for 2 days of leave from 2024-11-20
    And employee Dewi approves the request
    Then the command is refused under rule LV3

  Scenario: A rejected request keeps its reason
    When employee Sari asks for 2 days of leave from 2024-11-20
    And manager Budi rejects the request because "year-end closing"
    Then the request is rejected
    And the request's history reads request, reject

  Scenario: The employee who asked cancels, and gets the days back
    When employee Sari asks for 4 days of leave from 2024-11-25
    And manager Budi approves the request
    And employee Dewi cancels the request
    Then the command is refused under rule LV5
    When employee Sari cancels the request
    Then the request is cancelled
    And Sari has 12 days left

  Scenario: An undecided request lapses once its five days have passed
    When employee Sari asks for 2 days of leave from 2024-11-20
    And 5 days pass
    And the deadlines are swept
    Then the request is requested
    When 1 day passes
    And the deadlines are swept
    Then the request is lapsed
    And the sweep lapsed 1 request
    When the deadlines are swept
    Then the sweep lapsed 0 requests
    And the replay audit is clean
