//! `Debug` of every model type that holds a credential shows `<redacted>`, never the value.
//!
//! The types are listed here by hand, each with the schema it comes from, not taken from
//! the generator's rule (`SecretFields` in `codegen/src/settings.rs`): a spec change that
//! gives a schema a credential, or takes one away, fails
//! `every_schema_with_a_credential_is_listed` until the list says so. Each listed type is
//! decoded from an instance of its schema (built from the spec, every property filled) with
//! every credential set to a marker; a type that cannot be built that way fails the test.

use hookdeck::types;
use integration_tests::instances::{spec, Instances, Mode};
use serde_json::Value;
use std::collections::BTreeSet;

/// What a credential is set to; it must never show in `Debug`.
const MARKER: &str = "s3cr3t-marker";

/// The properties that hold credentials in the API.
const CREDENTIALS: &[&str] = &[
    "api_key",
    "app_key",
    "client_secret",
    "password",
    "refresh_token",
    "secret_access_key",
    "service_account_key",
    "signing_secret",
    "token",
    "verification_token",
    "webhook_secret_key",
];

/// How many model types hold a credential.
const EXPECTED_TYPES: usize = 274;

type Check = fn(&Value) -> Result<String, serde_json::Error>;

/// `Debug` of the type decoded from `json`.
fn shown<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    json: &Value,
) -> Result<String, serde_json::Error> {
    serde_json::from_value::<T>(json.clone()).map(|value| format!("{value:?}"))
}

macro_rules! secret_types {
    ($($ty:ident = $pointer:literal,)*) => {
        &[$((stringify!($ty), $pointer, shown::<types::$ty> as Check),)*]
    };
}

/// (type, the JSON pointer of its schema, its check).
const SECRET_TYPES: &[(&str, &str, Check)] = secret_types! {
    ApiKeyIntegrationConfigs = "/components/schemas/APIKeyIntegrationConfigs",
    BasicAuthIntegrationConfigs = "/components/schemas/BasicAuthIntegrationConfigs",
    HandledApiKeyIntegrationConfigs = "/components/schemas/HandledAPIKeyIntegrationConfigs",
    HandledHmacConfigs = "/components/schemas/HandledHMACConfigs",
    HmacIntegrationConfigs = "/components/schemas/HMACIntegrationConfigs",
    ShopifyIntegrationConfigs = "/components/schemas/ShopifyIntegrationConfigs",
    VercelLogDrainsIntegrationConfigs = "/components/schemas/VercelLogDrainsIntegrationConfigs",
    DestinationConfigCliAuthApiKey = "/components/schemas/DestinationConfigCLIAuthAPIKey",
    DestinationConfigCliAuthAwsSignature = "/components/schemas/DestinationConfigCLIAuthAWSSignature",
    DestinationConfigCliAuthBasicAuth = "/components/schemas/DestinationConfigCLIAuthBasicAuth",
    DestinationConfigCliAuthBearerToken = "/components/schemas/DestinationConfigCLIAuthBearerToken",
    DestinationConfigCliAuthCustomSha256hmacSignature = "/components/schemas/DestinationConfigCLIAuthCustomSHA256HMACSignature",
    DestinationConfigCliAuthGcpServiceAccount = "/components/schemas/DestinationConfigCLIAuthGCPServiceAccount",
    DestinationConfigCliAuthOAuth2AuthorizationCode = "/components/schemas/DestinationConfigCLIAuthOAuth2AuthorizationCode",
    DestinationConfigCliAuthOAuth2ClientCredentials = "/components/schemas/DestinationConfigCLIAuthOAuth2ClientCredentials",
    DestinationConfigHttpAuthApiKey = "/components/schemas/DestinationConfigHTTPAuthAPIKey",
    DestinationConfigHttpAuthAwsSignature = "/components/schemas/DestinationConfigHTTPAuthAWSSignature",
    DestinationConfigHttpAuthBasicAuth = "/components/schemas/DestinationConfigHTTPAuthBasicAuth",
    DestinationConfigHttpAuthBearerToken = "/components/schemas/DestinationConfigHTTPAuthBearerToken",
    DestinationConfigHttpAuthCustomSha256hmacSignature = "/components/schemas/DestinationConfigHTTPAuthCustomSHA256HMACSignature",
    DestinationConfigHttpAuthGcpServiceAccount = "/components/schemas/DestinationConfigHTTPAuthGCPServiceAccount",
    DestinationConfigHttpAuthOAuth2AuthorizationCode = "/components/schemas/DestinationConfigHTTPAuthOAuth2AuthorizationCode",
    DestinationConfigHttpAuthOAuth2ClientCredentials = "/components/schemas/DestinationConfigHTTPAuthOAuth2ClientCredentials",
    DestinationConfigMockApiAuthApiKey = "/components/schemas/DestinationConfigMockAPIAuthAPIKey",
    DestinationConfigMockApiAuthAwsSignature = "/components/schemas/DestinationConfigMockAPIAuthAWSSignature",
    DestinationConfigMockApiAuthBasicAuth = "/components/schemas/DestinationConfigMockAPIAuthBasicAuth",
    DestinationConfigMockApiAuthBearerToken = "/components/schemas/DestinationConfigMockAPIAuthBearerToken",
    DestinationConfigMockApiAuthCustomSha256hmacSignature = "/components/schemas/DestinationConfigMockAPIAuthCustomSHA256HMACSignature",
    DestinationConfigMockApiAuthGcpServiceAccount = "/components/schemas/DestinationConfigMockAPIAuthGCPServiceAccount",
    DestinationConfigMockApiAuthOAuth2AuthorizationCode = "/components/schemas/DestinationConfigMockAPIAuthOAuth2AuthorizationCode",
    DestinationConfigMockApiAuthOAuth2ClientCredentials = "/components/schemas/DestinationConfigMockAPIAuthOAuth2ClientCredentials",
    SourceConfig3dEyeAuth = "/components/schemas/SourceConfig3dEyeAuth",
    SourceConfigAdyenAuth = "/components/schemas/SourceConfigAdyenAuth",
    SourceConfigAipriseAuth = "/components/schemas/SourceConfigAipriseAuth",
    SourceConfigAirtableAuth = "/components/schemas/SourceConfigAirtableAuth",
    SourceConfigAirwallexAuth = "/components/schemas/SourceConfigAirwallexAuth",
    SourceConfigAkeneoAuth = "/components/schemas/SourceConfigAkeneoAuth",
    SourceConfigAlchemyAuth = "/components/schemas/SourceConfigAlchemyAuth",
    SourceConfigAsanaAuth = "/components/schemas/SourceConfigAsanaAuth",
    SourceConfigAscendAuth = "/components/schemas/SourceConfigAscendAuth",
    SourceConfigAshbyAuth = "/components/schemas/SourceConfigAshbyAuth",
    SourceConfigBigCommerceAuth = "/components/schemas/SourceConfigBigCommerceAuth",
    SourceConfigBondsmithAuth = "/components/schemas/SourceConfigBondsmithAuth",
    SourceConfigBridgeApiAuth = "/components/schemas/SourceConfigBridgeAPIAuth",
    SourceConfigChaindotsAuth = "/components/schemas/SourceConfigChaindotsAuth",
    SourceConfigChargebeeBillingAuth = "/components/schemas/SourceConfigChargebeeBillingAuth",
    SourceConfigCircleAuth = "/components/schemas/SourceConfigCircleAuth",
    SourceConfigClaudeAuth = "/components/schemas/SourceConfigClaudeAuth",
    SourceConfigClioAuth = "/components/schemas/SourceConfigClioAuth",
    SourceConfigCloudSignalAuth = "/components/schemas/SourceConfigCloudSignalAuth",
    SourceConfigCoinbaseAuth = "/components/schemas/SourceConfigCoinbaseAuth",
    SourceConfigCommerceLayerAuth = "/components/schemas/SourceConfigCommerceLayerAuth",
    SourceConfigCourierAuth = "/components/schemas/SourceConfigCourierAuth",
    SourceConfigCursorAuth = "/components/schemas/SourceConfigCursorAuth",
    SourceConfigCustomerIoAuth = "/components/schemas/SourceConfigCustomer.IOAuth",
    SourceConfigDocuSignAuth = "/components/schemas/SourceConfigDocuSignAuth",
    SourceConfigEbayAuth = "/components/schemas/SourceConfigEbayAuth",
    SourceConfigEnodeAuth = "/components/schemas/SourceConfigEnodeAuth",
    SourceConfigExactOnlineAuth = "/components/schemas/SourceConfigExactOnlineAuth",
    SourceConfigFacebookAuth = "/components/schemas/SourceConfigFacebookAuth",
    SourceConfigFastSpringAuth = "/components/schemas/SourceConfigFastSpringAuth",
    SourceConfigFaunditAuth = "/components/schemas/SourceConfigFaunditAuth",
    SourceConfigFavroAuth = "/components/schemas/SourceConfigFavroAuth",
    SourceConfigFirefliesAiAuth = "/components/schemas/SourceConfigFireflies.aiAuth",
    SourceConfigFiservAuth = "/components/schemas/SourceConfigFiservAuth",
    SourceConfigFlexportAuth = "/components/schemas/SourceConfigFlexportAuth",
    SourceConfigFrontAppAuth = "/components/schemas/SourceConfigFrontAppAuth",
    SourceConfigFusionAuthAuth = "/components/schemas/SourceConfigFusionAuthAuth",
    SourceConfigGitHubAuth = "/components/schemas/SourceConfigGitHubAuth",
    SourceConfigGitLabAuth = "/components/schemas/SourceConfigGitLabAuth",
    SourceConfigGoCardlessAuth = "/components/schemas/SourceConfigGoCardlessAuth",
    SourceConfigGoogleGeminiAuth = "/components/schemas/SourceConfigGoogleGeminiAuth",
    SourceConfigGreenDotAuth = "/components/schemas/SourceConfigGreenDotAuth",
    SourceConfigHttpAuthApiKey = "/components/schemas/SourceConfigHTTPAuthAPIKey",
    SourceConfigHttpAuthBasicAuth = "/components/schemas/SourceConfigHTTPAuthBasicAuth",
    SourceConfigHttpAuthHmac = "/components/schemas/SourceConfigHTTPAuthHMAC",
    SourceConfigHubspotAuth = "/components/schemas/SourceConfigHubspotAuth",
    SourceConfigIntercomAuth = "/components/schemas/SourceConfigIntercomAuth",
    SourceConfigLinearAuth = "/components/schemas/SourceConfigLinearAuth",
    SourceConfigLinkedInAuth = "/components/schemas/SourceConfigLinkedInAuth",
    SourceConfigLithicAuth = "/components/schemas/SourceConfigLithicAuth",
    SourceConfigMailchimpAuth = "/components/schemas/SourceConfigMailchimpAuth",
    SourceConfigMailgunAuth = "/components/schemas/SourceConfigMailgunAuth",
    SourceConfigMerakiAuth = "/components/schemas/SourceConfigMerakiAuth",
    SourceConfigNmiPaymentGatewayAuth = "/components/schemas/SourceConfigNMIPaymentGatewayAuth",
    SourceConfigNuvemshopAuth = "/components/schemas/SourceConfigNuvemshopAuth",
    SourceConfigNylasAuth = "/components/schemas/SourceConfigNylasAuth",
    SourceConfigOktaAuth = "/components/schemas/SourceConfigOktaAuth",
    SourceConfigOpenAiAuth = "/components/schemas/SourceConfigOpenAIAuth",
    SourceConfigOrbAuth = "/components/schemas/SourceConfigOrbAuth",
    SourceConfigOuraAuth = "/components/schemas/SourceConfigOuraAuth",
    SourceConfigPaddleAuth = "/components/schemas/SourceConfigPaddleAuth",
    SourceConfigPayProGlobalAuth = "/components/schemas/SourceConfigPayProGlobalAuth",
    SourceConfigPaymobAuth = "/components/schemas/SourceConfigPaymobAuth",
    SourceConfigPaystackAuth = "/components/schemas/SourceConfigPaystackAuth",
    SourceConfigPersonaAuth = "/components/schemas/SourceConfigPersonaAuth",
    SourceConfigPicqerAuth = "/components/schemas/SourceConfigPicqerAuth",
    SourceConfigPipedriveAuth = "/components/schemas/SourceConfigPipedriveAuth",
    SourceConfigPolarAuth = "/components/schemas/SourceConfigPolarAuth",
    SourceConfigPortalAuth = "/components/schemas/SourceConfigPortalAuth",
    SourceConfigPostmarkAuth = "/components/schemas/SourceConfigPostmarkAuth",
    SourceConfigPraxisAuth = "/components/schemas/SourceConfigPraxisAuth",
    SourceConfigPropertyFinderAuth = "/components/schemas/SourceConfigPropertyFinderAuth",
    SourceConfigPylonAuth = "/components/schemas/SourceConfigPylonAuth",
    SourceConfigQuoterAuth = "/components/schemas/SourceConfigQuoterAuth",
    SourceConfigRazorpayAuth = "/components/schemas/SourceConfigRazorpayAuth",
    SourceConfigRechargeAuth = "/components/schemas/SourceConfigRechargeAuth",
    SourceConfigRecurlyAuth = "/components/schemas/SourceConfigRecurlyAuth",
    SourceConfigRepayAuth = "/components/schemas/SourceConfigRepayAuth",
    SourceConfigReplicateAuth = "/components/schemas/SourceConfigReplicateAuth",
    SourceConfigResendAuth = "/components/schemas/SourceConfigResendAuth",
    SourceConfigRevolutAuth = "/components/schemas/SourceConfigRevolutAuth",
    SourceConfigRingCentralAuth = "/components/schemas/SourceConfigRingCentralAuth",
    SourceConfigSanityAuth = "/components/schemas/SourceConfigSanityAuth",
    SourceConfigScrapflyAuth = "/components/schemas/SourceConfigScrapflyAuth",
    SourceConfigSendgridAuth = "/components/schemas/SourceConfigSendgridAuth",
    SourceConfigShipBobAuth = "/components/schemas/SourceConfigShipBobAuth",
    SourceConfigShipHeroAuth = "/components/schemas/SourceConfigShipHeroAuth",
    SourceConfigShopifyAuth = "/components/schemas/SourceConfigShopifyAuth",
    SourceConfigShoplineAuth = "/components/schemas/SourceConfigShoplineAuth",
    SourceConfigSlackAuth = "/components/schemas/SourceConfigSlackAuth",
    SourceConfigSmartcarAuth = "/components/schemas/SourceConfigSmartcarAuth",
    SourceConfigSmileAuth = "/components/schemas/SourceConfigSmileAuth",
    SourceConfigSolidgateAuth = "/components/schemas/SourceConfigSolidgateAuth",
    SourceConfigSquareAuth = "/components/schemas/SourceConfigSquareAuth",
    SourceConfigStripeAuth = "/components/schemas/SourceConfigStripeAuth",
    SourceConfigSvixAuth = "/components/schemas/SourceConfigSvixAuth",
    SourceConfigSyncteraAuth = "/components/schemas/SourceConfigSyncteraAuth",
    SourceConfigTallyAuth = "/components/schemas/SourceConfigTallyAuth",
    SourceConfigTebexAuth = "/components/schemas/SourceConfigTebexAuth",
    SourceConfigTikTokAuth = "/components/schemas/SourceConfigTikTokAuth",
    SourceConfigTikTokShopAuth = "/components/schemas/SourceConfigTikTokShopAuth",
    SourceConfigTreezorAuth = "/components/schemas/SourceConfigTreezorAuth",
    SourceConfigTrelloAuth = "/components/schemas/SourceConfigTrelloAuth",
    SourceConfigTwilioAuth = "/components/schemas/SourceConfigTwilioAuth",
    SourceConfigTwitchAuth = "/components/schemas/SourceConfigTwitchAuth",
    SourceConfigTypeformAuth = "/components/schemas/SourceConfigTypeformAuth",
    SourceConfigUberAuth = "/components/schemas/SourceConfigUberAuth",
    SourceConfigUpolloAuth = "/components/schemas/SourceConfigUpolloAuth",
    SourceConfigUspsAuth = "/components/schemas/SourceConfigUSPSAuth",
    SourceConfigVercelDrainsAuth = "/components/schemas/SourceConfigVercelDrainsAuth",
    SourceConfigVercelWebhooksAuth = "/components/schemas/SourceConfigVercelWebhooksAuth",
    SourceConfigWalmartAuth = "/components/schemas/SourceConfigWalmartAuth",
    SourceConfigWebhookAuth3dEye = "/components/schemas/SourceConfigWebhookAuth3dEye",
    SourceConfigWebhookAuthAdyen = "/components/schemas/SourceConfigWebhookAuthAdyen",
    SourceConfigWebhookAuthAiprise = "/components/schemas/SourceConfigWebhookAuthAiprise",
    SourceConfigWebhookAuthAirtable = "/components/schemas/SourceConfigWebhookAuthAirtable",
    SourceConfigWebhookAuthAirwallex = "/components/schemas/SourceConfigWebhookAuthAirwallex",
    SourceConfigWebhookAuthAkeneo = "/components/schemas/SourceConfigWebhookAuthAkeneo",
    SourceConfigWebhookAuthAlchemy = "/components/schemas/SourceConfigWebhookAuthAlchemy",
    SourceConfigWebhookAuthApiKey = "/components/schemas/SourceConfigWebhookAuthAPIKey",
    SourceConfigWebhookAuthAsana = "/components/schemas/SourceConfigWebhookAuthAsana",
    SourceConfigWebhookAuthAscend = "/components/schemas/SourceConfigWebhookAuthAscend",
    SourceConfigWebhookAuthAshby = "/components/schemas/SourceConfigWebhookAuthAshby",
    SourceConfigWebhookAuthBasicAuth = "/components/schemas/SourceConfigWebhookAuthBasicAuth",
    SourceConfigWebhookAuthBigCommerce = "/components/schemas/SourceConfigWebhookAuthBigCommerce",
    SourceConfigWebhookAuthBondsmith = "/components/schemas/SourceConfigWebhookAuthBondsmith",
    SourceConfigWebhookAuthBridgeApi = "/components/schemas/SourceConfigWebhookAuthBridgeAPI",
    SourceConfigWebhookAuthChaindots = "/components/schemas/SourceConfigWebhookAuthChaindots",
    SourceConfigWebhookAuthChargebeeBilling = "/components/schemas/SourceConfigWebhookAuthChargebeeBilling",
    SourceConfigWebhookAuthCircle = "/components/schemas/SourceConfigWebhookAuthCircle",
    SourceConfigWebhookAuthClaude = "/components/schemas/SourceConfigWebhookAuthClaude",
    SourceConfigWebhookAuthClio = "/components/schemas/SourceConfigWebhookAuthClio",
    SourceConfigWebhookAuthCloudSignal = "/components/schemas/SourceConfigWebhookAuthCloudSignal",
    SourceConfigWebhookAuthCoinbase = "/components/schemas/SourceConfigWebhookAuthCoinbase",
    SourceConfigWebhookAuthCommerceLayer = "/components/schemas/SourceConfigWebhookAuthCommerceLayer",
    SourceConfigWebhookAuthCourier = "/components/schemas/SourceConfigWebhookAuthCourier",
    SourceConfigWebhookAuthCursor = "/components/schemas/SourceConfigWebhookAuthCursor",
    SourceConfigWebhookAuthCustomerIo = "/components/schemas/SourceConfigWebhookAuthCustomer.IO",
    SourceConfigWebhookAuthDocuSign = "/components/schemas/SourceConfigWebhookAuthDocuSign",
    SourceConfigWebhookAuthEbay = "/components/schemas/SourceConfigWebhookAuthEbay",
    SourceConfigWebhookAuthEnode = "/components/schemas/SourceConfigWebhookAuthEnode",
    SourceConfigWebhookAuthExactOnline = "/components/schemas/SourceConfigWebhookAuthExactOnline",
    SourceConfigWebhookAuthFacebook = "/components/schemas/SourceConfigWebhookAuthFacebook",
    SourceConfigWebhookAuthFastSpring = "/components/schemas/SourceConfigWebhookAuthFastSpring",
    SourceConfigWebhookAuthFaundit = "/components/schemas/SourceConfigWebhookAuthFaundit",
    SourceConfigWebhookAuthFavro = "/components/schemas/SourceConfigWebhookAuthFavro",
    SourceConfigWebhookAuthFirefliesAi = "/components/schemas/SourceConfigWebhookAuthFireflies.ai",
    SourceConfigWebhookAuthFiserv = "/components/schemas/SourceConfigWebhookAuthFiserv",
    SourceConfigWebhookAuthFlexport = "/components/schemas/SourceConfigWebhookAuthFlexport",
    SourceConfigWebhookAuthFrontApp = "/components/schemas/SourceConfigWebhookAuthFrontApp",
    SourceConfigWebhookAuthFusionAuth = "/components/schemas/SourceConfigWebhookAuthFusionAuth",
    SourceConfigWebhookAuthGitHub = "/components/schemas/SourceConfigWebhookAuthGitHub",
    SourceConfigWebhookAuthGitLab = "/components/schemas/SourceConfigWebhookAuthGitLab",
    SourceConfigWebhookAuthGoCardless = "/components/schemas/SourceConfigWebhookAuthGoCardless",
    SourceConfigWebhookAuthGoogleGemini = "/components/schemas/SourceConfigWebhookAuthGoogleGemini",
    SourceConfigWebhookAuthGreenDot = "/components/schemas/SourceConfigWebhookAuthGreenDot",
    SourceConfigWebhookAuthHmac = "/components/schemas/SourceConfigWebhookAuthHMAC",
    SourceConfigWebhookAuthHubspot = "/components/schemas/SourceConfigWebhookAuthHubspot",
    SourceConfigWebhookAuthIntercom = "/components/schemas/SourceConfigWebhookAuthIntercom",
    SourceConfigWebhookAuthLinear = "/components/schemas/SourceConfigWebhookAuthLinear",
    SourceConfigWebhookAuthLinkedIn = "/components/schemas/SourceConfigWebhookAuthLinkedIn",
    SourceConfigWebhookAuthLithic = "/components/schemas/SourceConfigWebhookAuthLithic",
    SourceConfigWebhookAuthMailchimp = "/components/schemas/SourceConfigWebhookAuthMailchimp",
    SourceConfigWebhookAuthMailgun = "/components/schemas/SourceConfigWebhookAuthMailgun",
    SourceConfigWebhookAuthMeraki = "/components/schemas/SourceConfigWebhookAuthMeraki",
    SourceConfigWebhookAuthNmiPaymentGateway = "/components/schemas/SourceConfigWebhookAuthNMIPaymentGateway",
    SourceConfigWebhookAuthNuvemshop = "/components/schemas/SourceConfigWebhookAuthNuvemshop",
    SourceConfigWebhookAuthNylas = "/components/schemas/SourceConfigWebhookAuthNylas",
    SourceConfigWebhookAuthOkta = "/components/schemas/SourceConfigWebhookAuthOkta",
    SourceConfigWebhookAuthOpenAi = "/components/schemas/SourceConfigWebhookAuthOpenAI",
    SourceConfigWebhookAuthOrb = "/components/schemas/SourceConfigWebhookAuthOrb",
    SourceConfigWebhookAuthOura = "/components/schemas/SourceConfigWebhookAuthOura",
    SourceConfigWebhookAuthPaddle = "/components/schemas/SourceConfigWebhookAuthPaddle",
    SourceConfigWebhookAuthPayProGlobal = "/components/schemas/SourceConfigWebhookAuthPayProGlobal",
    SourceConfigWebhookAuthPaymob = "/components/schemas/SourceConfigWebhookAuthPaymob",
    SourceConfigWebhookAuthPaystack = "/components/schemas/SourceConfigWebhookAuthPaystack",
    SourceConfigWebhookAuthPersona = "/components/schemas/SourceConfigWebhookAuthPersona",
    SourceConfigWebhookAuthPicqer = "/components/schemas/SourceConfigWebhookAuthPicqer",
    SourceConfigWebhookAuthPipedrive = "/components/schemas/SourceConfigWebhookAuthPipedrive",
    SourceConfigWebhookAuthPolar = "/components/schemas/SourceConfigWebhookAuthPolar",
    SourceConfigWebhookAuthPortal = "/components/schemas/SourceConfigWebhookAuthPortal",
    SourceConfigWebhookAuthPostmark = "/components/schemas/SourceConfigWebhookAuthPostmark",
    SourceConfigWebhookAuthPraxis = "/components/schemas/SourceConfigWebhookAuthPraxis",
    SourceConfigWebhookAuthPropertyFinder = "/components/schemas/SourceConfigWebhookAuthPropertyFinder",
    SourceConfigWebhookAuthPylon = "/components/schemas/SourceConfigWebhookAuthPylon",
    SourceConfigWebhookAuthQuoter = "/components/schemas/SourceConfigWebhookAuthQuoter",
    SourceConfigWebhookAuthRazorpay = "/components/schemas/SourceConfigWebhookAuthRazorpay",
    SourceConfigWebhookAuthRecharge = "/components/schemas/SourceConfigWebhookAuthRecharge",
    SourceConfigWebhookAuthRecurly = "/components/schemas/SourceConfigWebhookAuthRecurly",
    SourceConfigWebhookAuthRepay = "/components/schemas/SourceConfigWebhookAuthRepay",
    SourceConfigWebhookAuthReplicate = "/components/schemas/SourceConfigWebhookAuthReplicate",
    SourceConfigWebhookAuthResend = "/components/schemas/SourceConfigWebhookAuthResend",
    SourceConfigWebhookAuthRevolut = "/components/schemas/SourceConfigWebhookAuthRevolut",
    SourceConfigWebhookAuthRingCentral = "/components/schemas/SourceConfigWebhookAuthRingCentral",
    SourceConfigWebhookAuthSanity = "/components/schemas/SourceConfigWebhookAuthSanity",
    SourceConfigWebhookAuthScrapfly = "/components/schemas/SourceConfigWebhookAuthScrapfly",
    SourceConfigWebhookAuthSendgrid = "/components/schemas/SourceConfigWebhookAuthSendgrid",
    SourceConfigWebhookAuthShipBob = "/components/schemas/SourceConfigWebhookAuthShipBob",
    SourceConfigWebhookAuthShipHero = "/components/schemas/SourceConfigWebhookAuthShipHero",
    SourceConfigWebhookAuthShopify = "/components/schemas/SourceConfigWebhookAuthShopify",
    SourceConfigWebhookAuthShopline = "/components/schemas/SourceConfigWebhookAuthShopline",
    SourceConfigWebhookAuthSlack = "/components/schemas/SourceConfigWebhookAuthSlack",
    SourceConfigWebhookAuthSmartcar = "/components/schemas/SourceConfigWebhookAuthSmartcar",
    SourceConfigWebhookAuthSmile = "/components/schemas/SourceConfigWebhookAuthSmile",
    SourceConfigWebhookAuthSolidgate = "/components/schemas/SourceConfigWebhookAuthSolidgate",
    SourceConfigWebhookAuthSquare = "/components/schemas/SourceConfigWebhookAuthSquare",
    SourceConfigWebhookAuthStripe = "/components/schemas/SourceConfigWebhookAuthStripe",
    SourceConfigWebhookAuthSvix = "/components/schemas/SourceConfigWebhookAuthSvix",
    SourceConfigWebhookAuthSynctera = "/components/schemas/SourceConfigWebhookAuthSynctera",
    SourceConfigWebhookAuthTally = "/components/schemas/SourceConfigWebhookAuthTally",
    SourceConfigWebhookAuthTebex = "/components/schemas/SourceConfigWebhookAuthTebex",
    SourceConfigWebhookAuthTikTok = "/components/schemas/SourceConfigWebhookAuthTikTok",
    SourceConfigWebhookAuthTikTokShop = "/components/schemas/SourceConfigWebhookAuthTikTokShop",
    SourceConfigWebhookAuthTreezor = "/components/schemas/SourceConfigWebhookAuthTreezor",
    SourceConfigWebhookAuthTrello = "/components/schemas/SourceConfigWebhookAuthTrello",
    SourceConfigWebhookAuthTwilio = "/components/schemas/SourceConfigWebhookAuthTwilio",
    SourceConfigWebhookAuthTwitch = "/components/schemas/SourceConfigWebhookAuthTwitch",
    SourceConfigWebhookAuthTypeform = "/components/schemas/SourceConfigWebhookAuthTypeform",
    SourceConfigWebhookAuthUber = "/components/schemas/SourceConfigWebhookAuthUber",
    SourceConfigWebhookAuthUpollo = "/components/schemas/SourceConfigWebhookAuthUpollo",
    SourceConfigWebhookAuthUsps = "/components/schemas/SourceConfigWebhookAuthUSPS",
    SourceConfigWebhookAuthVercelDrains = "/components/schemas/SourceConfigWebhookAuthVercelDrains",
    SourceConfigWebhookAuthVercelWebhooks = "/components/schemas/SourceConfigWebhookAuthVercelWebhooks",
    SourceConfigWebhookAuthWalmart = "/components/schemas/SourceConfigWebhookAuthWalmart",
    SourceConfigWebhookAuthWhatsApp = "/components/schemas/SourceConfigWebhookAuthWhatsApp",
    SourceConfigWebhookAuthWix = "/components/schemas/SourceConfigWebhookAuthWix",
    SourceConfigWebhookAuthWooCommerce = "/components/schemas/SourceConfigWebhookAuthWooCommerce",
    SourceConfigWebhookAuthWorkOs = "/components/schemas/SourceConfigWebhookAuthWorkOS",
    SourceConfigWebhookAuthX = "/components/schemas/SourceConfigWebhookAuthX",
    SourceConfigWebhookAuthXero = "/components/schemas/SourceConfigWebhookAuthXero",
    SourceConfigWebhookAuthZendesk = "/components/schemas/SourceConfigWebhookAuthZendesk",
    SourceConfigWebhookAuthZeroHash = "/components/schemas/SourceConfigWebhookAuthZeroHash",
    SourceConfigWebhookAuthZoom = "/components/schemas/SourceConfigWebhookAuthZoom",
    SourceConfigWhatsAppAuth = "/components/schemas/SourceConfigWhatsAppAuth",
    SourceConfigWixAuth = "/components/schemas/SourceConfigWixAuth",
    SourceConfigWooCommerceAuth = "/components/schemas/SourceConfigWooCommerceAuth",
    SourceConfigWorkOsAuth = "/components/schemas/SourceConfigWorkOSAuth",
    SourceConfigXAuth = "/components/schemas/SourceConfigXAuth",
    SourceConfigXeroAuth = "/components/schemas/SourceConfigXeroAuth",
    SourceConfigZendeskAuth = "/components/schemas/SourceConfigZendeskAuth",
    SourceConfigZeroHashAuth = "/components/schemas/SourceConfigZeroHashAuth",
    SourceConfigZoomAuth = "/components/schemas/SourceConfigZoomAuth",
    SourceTypeConfigManagedAuth = "/components/schemas/SourceTypeConfigMANAGED/properties/auth",
};

#[test]
fn every_listed_type_redacts_its_credentials() {
    assert_eq!(SECRET_TYPES.len(), EXPECTED_TYPES);
    let root = spec();
    let spec = Instances::new(&root);
    for (name, pointer, check) in SECRET_TYPES {
        let schema = root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{name}: the spec has no {pointer}"));
        let mut instance = spec.object(schema, Mode::Full, &[]);
        let object = instance
            .as_object_mut()
            .unwrap_or_else(|| panic!("{name}: {pointer} is not an object schema"));
        let mut set = 0;
        for (key, value) in object.iter_mut() {
            if CREDENTIALS.contains(&key.as_str()) && value.is_string() {
                *value = Value::String(MARKER.into());
                set += 1;
            }
        }
        assert!(set > 0, "{name}: no credential to set in {instance}");
        let shown = check(&instance)
            .unwrap_or_else(|e| panic!("{name} cannot be built from {instance}: {e}"));
        assert!(
            !shown.contains(MARKER),
            "{name} shows a credential: {shown}"
        );
        assert!(
            shown.contains("<redacted>"),
            "{name} marks no credential: {shown}"
        );
    }
}

#[test]
fn every_schema_with_a_credential_is_listed() {
    let root = spec();
    let mut found = BTreeSet::new();
    collect(
        &root["components"]["schemas"],
        "/components/schemas",
        &mut found,
    );
    let listed: BTreeSet<String> = SECRET_TYPES.iter().map(|(_, p, _)| p.to_string()).collect();
    let unlisted: Vec<_> = found.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&found).collect();
    assert!(
        unlisted.is_empty() && gone.is_empty(),
        "schemas with a credential but not listed: {unlisted:#?}\nlisted but without one: {gone:#?}"
    );
    assert_eq!(found.len(), EXPECTED_TYPES);
}

/// The pointers of the object schemas under `node` (component schemas and the object
/// schemas of their properties) that have a credential property.
fn collect(node: &Value, pointer: &str, found: &mut BTreeSet<String>) {
    let Some(map) = node.as_object() else {
        return;
    };
    if pointer == "/components/schemas" {
        for (name, schema) in map {
            let escaped = name.replace('~', "~0").replace('/', "~1");
            collect(schema, &format!("{pointer}/{escaped}"), found);
        }
        return;
    }
    let Some(properties) = map.get("properties").and_then(Value::as_object) else {
        return;
    };
    if properties.keys().any(|k| CREDENTIALS.contains(&k.as_str())) {
        found.insert(pointer.to_string());
    }
    for (name, property) in properties {
        let escaped = name.replace('~', "~0").replace('/', "~1");
        collect(property, &format!("{pointer}/properties/{escaped}"), found);
    }
}
