using System.Text.Encodings.Web;

namespace Locality.Web.Infrastructure;

/// <summary>
/// Every page's address in one place, so a link, a form's action and a redirect cannot drift apart. Each is the
/// route its action declares; ids print as routing writes them.
/// </summary>
public static class Paths
{
    public const string Home = "/";
    public const string Admin = "/admin";
    public const string Agencies = "/admin/agencies";
    public const string NewAgency = "/admin/agencies/new";
    public const string Audit = "/admin/audit";
    public const string Costs = "/admin/costs";
    public const string CostsAtUnitCosts = "/admin/costs#unit-costs";
    public const string PriceIndices = "/admin/costs/indices";
    public const string NewPriceIndex = "/admin/costs/indices/new";
    public const string PriceBase = "/admin/costs/price-base";
    public const string UnitCosts = "/admin/costs/unit-costs";
    public const string NewUnitCost = "/admin/costs/unit-costs/new";
    public const string IdentityProviders = "/admin/identity-providers";
    public const string Instruments = "/admin/instruments";
    public const string NewInstrument = "/admin/instruments/new";
    public const string Localities = "/admin/localities";
    public const string NewLocality = "/admin/localities/new";
    public const string SharingAgreements = "/admin/sharing-agreements";
    public const string Teams = "/admin/teams";
    public const string NewTeam = "/admin/teams/new";
    public const string Users = "/admin/users";
    public const string NewUser = "/admin/users/new";
    public const string CommunityGroups = "/community";
    public const string ConnectedMost = "/community/connected-most";
    public const string NewCommunityGroup = "/community/new";
    public const string DemandImports = "/demand/imports";
    public const string Jobs = "/jobs";
    public const string SignIn = "/sign-in";
    public const string SignOut = "/sign-out";
    public const string SignedOut = "/sign-in?signedOut=True";

    /// <summary>The sign-in page asking for a password even for an agency with its own provider (named break-glass administrators).</summary>
    public static string BreakGlassPasswordSignIn(string? returnUrl) =>
        "/sign-in?usePassword=true" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl));

    /// <summary>The second step of signing in: an authenticator code, a recovery code or a passkey.</summary>
    public const string SecondFactor = "/sign-in/second-factor";
    public const string RecoveryCodeSignIn = "/sign-in/recovery-code";

    /// <summary>Setting up a second factor, which every account with a Locality password does at its next sign-in.</summary>
    public const string SetUpSecondFactor = "/sign-in/set-up";

    /// <summary>Your own sign-in: authenticator app, recovery codes, passkeys.</summary>
    public const string MySignIn = "/account/sign-in";
    public const string NewAuthenticator = "/account/sign-in/authenticator";
    public const string NewRecoveryCodes = "/account/sign-in/recovery-codes";
    public const string ConfirmItIsYouPost = "/sign-in/confirm";

    /// <summary>Signing out at the agency's provider too.</summary>
    public static string ProviderSignOut(string key) => $"/sign-in/oidc/{Uri.EscapeDataString(key)}/sign-out";

    /// <summary>The way from the sign-in page to the agency's provider.</summary>
    public static string StartProviderSignIn(string key, string returnUrl) =>
        $"/sign-in/oidc/{Uri.EscapeDataString(key)}/start?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>Confirming it is you through the agency's provider, which is asked to check the worker again now.</summary>
    public static string ConfirmThroughProvider(string key, string? returnUrl) =>
        $"/sign-in/oidc/{Uri.EscapeDataString(key)}/confirm" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl));

    /// <summary>Confirming it is you (the second factor again) before a serious act, then back to where you were.</summary>
    public static string ConfirmItIsYou(string returnUrl) => "/sign-in/confirm?returnUrl=" + Uri.EscapeDataString(returnUrl);
    public const string Accessibility = "/accessibility";
    public const string People = "/people";
    public const string NewPerson = "/people/new";
    public const string EmergencyAccessReviews = "/reviews/emergency-access";
    public const string AllEmergencyAccessReviews = "/reviews/emergency-access?all=true";
    public const string Reviews = "/reviews";
    public const string RetentionReview = "/reviews/retention";
    public const string SharedPeople = "/shared";
    public const string Team = "/team";
    public const string TeamDemand = "/team/demand";
    public const string AllPassedOn = "/team/passed-on?all=true";
    public const string RepeatDemand = "/team/repeat-demand";
    public const string ServiceCosts = "/team/service-costs";
    public const string TeamWorkers = "/team/workers";

    public static string Agency(Guid agencyId) => $"/admin/agencies/{agencyId}";

    public static string NewApiKey(Guid agencyId) => $"/admin/agencies/{agencyId}/api-keys/new";

    public static string RevokeApiKey(Guid agencyId, Guid keyId) => $"/admin/agencies/{agencyId}/api-keys/{keyId}/revoke";

    public static string NewTokenClient(Guid agencyId) => $"/admin/agencies/{agencyId}/token-clients/new";

    public static string RemoveTokenClient(Guid agencyId, Guid clientId) => $"/admin/agencies/{agencyId}/token-clients/{clientId}/remove";

    public static string EditAgency(Guid agencyId) => $"/admin/agencies/{agencyId}/edit";

    public static string NewIdentityProvider(Guid agencyId) => $"/admin/agencies/{agencyId}/identity-providers/new";

    public static string IdentityProvider(Guid providerId) => $"/admin/identity-providers/{providerId}";

    public static string EditIdentityProvider(Guid providerId) => $"/admin/identity-providers/{providerId}/edit";

    public static string IdentityProviderEnabled(Guid providerId) => $"/admin/identity-providers/{providerId}/enabled";

    // Where an agency's provider sends people back, and its sign-out calls: the addresses a council registers for it.
    public static string ProviderCallback(string key) => Application.Organisations.IdentityProviders.ProviderAddresses.Callback(key);

    public static string ProviderFrontChannelLogout(string key) => Application.Organisations.IdentityProviders.ProviderAddresses.FrontChannelLogout(key);

    public static string ProviderBackChannelLogout(string key) => Application.Organisations.IdentityProviders.ProviderAddresses.BackChannelLogout(key);

    public static string PriceIndex(string year) => $"/admin/costs/indices/{year}";

    public static string CostsFinding(string words) => $"{Costs}?words={UrlEncoder.Default.Encode(words)}";

    public static string CostType(string code) => $"/admin/costs/types/{code}";

    public static string UnitCost(string code) => $"/admin/costs/unit-costs/{code}";

    public static string Instrument(Guid instrumentId) => $"/admin/instruments/{instrumentId}";

    public static string EditInstrument(Guid instrumentId) => $"/admin/instruments/{instrumentId}/edit";

    public static string RetireInstrument(Guid instrumentId) => $"/admin/instruments/{instrumentId}/retire";

    public static string EditLocality(Guid localityId) => $"/admin/localities/{localityId}/edit";

    public static string SharingAgreement(Guid agencyId) => $"/admin/sharing-agreements/{agencyId}";

    public static string EditTeam(Guid teamId) => $"/admin/teams/{teamId}/edit";

    public static string UserActive(Guid userId) => $"/admin/users/{userId}/active";

    public static string ApproveUser(Guid userId) => $"/admin/users/{userId}/approve";

    public static string RefuseUser(Guid userId) => $"/admin/users/{userId}/refuse";

    public static string UserBreakGlass(Guid userId) => $"/admin/users/{userId}/break-glass";

    public static string EndUserSessions(Guid userId) => $"/admin/users/{userId}/end-sessions";

    public static string EditUser(Guid userId) => $"/admin/users/{userId}/edit";

    public static string UserPassword(Guid userId) => $"/admin/users/{userId}/password";

    public static string CommunityGroup(Guid groupId) => $"/community/{groupId}";

    public static string DemandImport(Guid importId) => $"/demand/imports/{importId}";

    public static string Person(Guid personId) => $"/people/{personId}";

    public static string AccessLog(Guid personId) => $"/people/{personId}/access-log";

    public static string Attempt(Guid personId) => $"/people/{personId}/attempt";

    public static string Consent(Guid personId) => $"/people/{personId}/consent";

    public static string Conversation(Guid personId) => $"/people/{personId}/conversation";

    public static string PersonDemand(Guid personId) => $"/people/{personId}/demand";

    public static string DemandMatch(Guid personId, Guid offerId) => $"/people/{personId}/demand/matches/{offerId}";

    public static string NewDemand(Guid personId) => $"/people/{personId}/demand/new";

    public static string ReclassifyDemand(Guid personId, Guid demandId) => $"/people/{personId}/demand/{demandId}/reclassify";

    public static string EditPerson(Guid personId) => $"/people/{personId}/edit";

    public static string EmergencyAccess(Guid personId) => $"/people/{personId}/emergency-access";

    public static string EndRest(Guid personId) => $"/people/{personId}/end-rest";

    public static string AmendEntry(Guid personId, Guid entryId) => $"/people/{personId}/entries/{entryId}/amend";

    public static string LiftRestriction(Guid personId, Guid entryId) => $"/people/{personId}/entries/{entryId}/lift-restriction";

    public static string RestrictEntry(Guid personId, Guid entryId) => $"/people/{personId}/entries/{entryId}/restrict";

    public static string EndLawfulBasis(Guid personId, Guid basisId) => $"/people/{personId}/lawful-bases/{basisId}/end";

    public static string LawfulBasis(Guid personId) => $"/people/{personId}/lawful-basis";

    public static string Lead(Guid personId) => $"/people/{personId}/lead";

    public static string Merge(Guid personId) => $"/people/{personId}/merge";

    public static string Note(Guid personId) => $"/people/{personId}/note";

    public static string Partner(Guid personId) => $"/people/{personId}/partner";

    public static string PassOn(Guid personId) => $"/people/{personId}/pass-on";

    public static string Plan(Guid personId) => $"/people/{personId}/plan";

    public static string NewConnection(Guid personId) => $"/people/{personId}/plan/connections/new";

    public static string Connection(Guid personId, Guid connectionId) => $"/people/{personId}/plan/connections/{connectionId}";

    public static string PlanCopy(Guid personId) => $"/people/{personId}/plan/copy";

    public static string NewGoal(Guid personId) => $"/people/{personId}/plan/goals/new";

    public static string NewStep(Guid personId, Guid goalId) => $"/people/{personId}/plan/goals/{goalId}/steps/new";

    public static string Step(Guid personId, Guid goalId, Guid stepId) => $"/people/{personId}/plan/goals/{goalId}/steps/{stepId}";

    public static string GoodLife(Guid personId) => $"/people/{personId}/plan/good-life";

    public static string PlanReview(Guid personId) => $"/people/{personId}/plan/review";

    public static string NewStrength(Guid personId) => $"/people/{personId}/plan/strengths/new";

    public static string SetStrengthAside(Guid personId, Guid strengthId) => $"/people/{personId}/plan/strengths/{strengthId}/set-aside";

    public static string Ratings(Guid personId) => $"/people/{personId}/ratings";

    public static string NewRating(Guid personId) => $"/people/{personId}/ratings/new";

    public static string NewRating(Guid personId, Guid instrumentId) => $"/people/{personId}/ratings/new?instrument={instrumentId}";

    public static string Rest(Guid personId) => $"/people/{personId}/rest";

    public static string Sharing(Guid personId) => $"/people/{personId}/sharing";

    public static string AddToTeam(Guid personId) => $"/people/{personId}/team/add";

    public static string LeaveTeam(Guid personId, Guid memberId) => $"/people/{personId}/team/{memberId}/leave";

    public static string ReviewEmergencyAccess(Guid accessId) => $"/reviews/emergency-access/{accessId}/review";

    public static string SharedPerson(Guid personId) => $"/shared/{personId}";

    public static string SharedContribution(Guid personId) => $"/shared/{personId}/contribution";

    public static string TeamDemandExport(string query) => $"/team/demand/export?{query}";

    public static string TeamWorker(Guid workerId) => $"{TeamWorkers}/{workerId}";

    public static string Connection(Guid personId, string? connectionId) => $"/people/{personId}/plan/connections/{connectionId}";

    public static string OlderTimeline(Guid personId, string before) => $"/people/{personId}?before={Uri.EscapeDataString(before)}#timeline";

    public static string RatingTrends(Guid? workerId = null) => workerId is null ? "/ratings/trends" : $"/ratings/trends?worker={workerId}";

    // Checking the answers before a serious act: the form's answers are sent on to the page that does it, or back to the form.
    public static string ConfirmPassOn(Guid personId) => $"/people/{personId}/pass-on/confirm";

    public static string ChangePassOn(Guid personId) => $"/people/{personId}/pass-on/change";

    public static string ConfirmLead(Guid personId) => $"/people/{personId}/lead/confirm";

    public static string ChangeLead(Guid personId) => $"/people/{personId}/lead/change";

    public static string ConfirmMerge(Guid personId) => $"/people/{personId}/merge/confirm";

    public static string ChangeMerge(Guid personId) => $"/people/{personId}/merge/change";
}
