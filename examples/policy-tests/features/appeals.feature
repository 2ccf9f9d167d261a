@policy
Feature: Appeals in the programme
  An officer judged not yet competent may appeal within the scheme's window; the panel must be
  independent of the assessor and of the committee that decided.

  Background:
    Given scheme "SKM-HUMAS" with units "H.1, H.2"
    And session "EUK-2024-11" from 2024-11-06 to 2024-11-08 for scheme "SKM-HUMAS"
    And assessor "Ratna" is registered for scheme "SKM-HUMAS" with a licence until 2026-12-31
    And today is 2024-10-21
    And candidate "PPID Bareskrim" is registered for scheme "SKM-HUMAS" in session "EUK-2024-11"
    And the certification of "PPID Bareskrim" has reached "not_yet_competent"

  Scenario: An appeal within thirty days is lodged
    Given 6 days have passed
    When "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    Then the certification of "PPID Bareskrim" is at stage "under_appeal"

  Scenario: The assessor may not sit on the appeal panel
    Given "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    When appeal panel "Dewi, Ratna" rejects the appeal of "PPID Bareskrim"
    Then the command is refused under rule "R51"
    And the refusal says "took part"

  Scenario: An independent panel can revise the decision
    Given "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    When appeal panel "Dewi, Yusuf" upholds the appeal of "PPID Bareskrim" with "revised decision"
    Then the certification of "PPID Bareskrim" is at stage "competent"
