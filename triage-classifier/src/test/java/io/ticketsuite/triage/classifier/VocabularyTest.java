package io.ticketsuite.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Word families and domain vocabulary added in packs 1.2.0 and 1.3.0, on sentences written for this test. */
class VocabularyTest {

    private static final TicketClassifier CLASSIFIER = new TicketClassifier(RulePack.loadDefault());

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // health data is special-category personal data: a security matter
                "Lab results | Who can see the patient records and health data we keep in your tool? | security",
                "Clinic data | Our clinic's medical data shows up in another tenant's dashboard | security",
                // returns and exchanges belong to no product team, even when the item is faulty
                "Exchange | The headset arrived faulty and keeps crashing; I want to exchange it under warranty | general",
                "RMA | Please issue an RMA so I can send it back, the charger is broken | general",
                "Parcel | Can you give me the tracking number for my order? | general",
                // syncing one's own data is a product problem; integrations name an API or a third party
                "Notes | My notes do not sync between phone and laptop, the app shows an error | technical",
                "CRM | Our webhook to the CRM returns status code 500 on every API call | integration",
                // a bare "access" is context, not an account problem
                "Reports | I need access to the quarterly report, but the export crashes | technical"
            })
    void shouldClassifyWordFamiliesOfPack120(String subject, String body, String expected) {
        Classification c = CLASSIFIER.classify(subject, body, null);

        assertThat(c.category()).as(c.explanation().categoryRule()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // integrations desk vocabulary: throttling, auth handshakes, identity provisioning, iPaaS tools
                "Zap stalled | Every call to your endpoint now answers 429 too many requests | integration",
                "Okta | SCIM provisioning from our identity provider stopped creating users | integration",
                "OAuth app | The redirect URI is rejected and the refresh token expires after an hour | integration",
                "Workflows | Our Workato recipe gets a 401 with the new client secret | integration",
                // application security and privacy compliance
                "Pen test | The penetration test found XSS and SQL injection in the search page | security",
                "Privacy | A data subject request asks for the right to be forgotten, what do we delete? | security",
                "Audit | Our auditor wants the audit trail and your SOC 2 report | security"
            })
    void shouldClassifyDomainVocabularyOfPack130(String subject, String body, String expected) {
        Classification c = CLASSIFIER.classify(subject, body, null);

        assertThat(c.category()).as(c.explanation().categoryRule()).isEqualTo(expected);
    }
}
