@policy
Feature: Appeals in the programme
  An officer judged not yet competent may appeal within the scheme's window; the certification
  manager forms the panel, which must be independent of the assessor and of the committee that
  decided, and only its members decide the appeal.

  Background:
    Given scheme "SKM-HUMAS" with units "H.1, H.2"
    And session "EUK-2024-11" from 2024-11-06 to 2024-11-08 for scheme "SKM-HUMAS"
    And assessor "Ratna" is registered for scheme "SKM-HUMAS" with a licence until 2026-12-31
    And today is 2024-10-21
    And the head of the LSP appoints "Dewi" as appeal panel member
    And the head of the LSP appoints "Yusuf" as appeal panel member
    And candidate "PPID Bareskrim" is registered for scheme "SKM-HUMAS" in session "EUK-2024-11"
    And the certification of "PPID Bareskrim" has reached "not_yet_competent"

  Scenario: An appeal within thirty days is lodged
    Given 6 days have passed
    When "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    Then the certification of "PPID Bareskrim" is at stage "under_appeal"

  Scenario: The assessor may not sit on the appeal panel
    Given "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    And the head of the LSP appoints "Ratna" as appeal panel member
    When the certification manager forms the appeal panel "Dewi, Ratna" for "PPID Bareskrim"
    Then the command is refused under rule "R51"
    And the refusal says "assessed"

  Scenario: A panel member may not form their own panel
    Given "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    When "Dewi" acting as appeal panel member forms the appeal panel "Dewi" for "PPID Bareskrim"
    Then the command is refused

  Scenario: An independent panel can revise the decision
    Given "PPID Bareskrim" lodges an appeal because "my crisis log was not reviewed"
    And the certification manager forms the appeal panel "Dewi, Yusuf" for "PPID Bareskrim"
    When appeal panel member "Dewi" upholds the appeal of "PPID Bareskrim" with "revised decision"
    Then the certification of "PPID Bareskrim" is at stage "competent"
    And the "AppealUpheld" event of "PPID Bareskrim" was recorded by "Dewi" as appeal panel member
