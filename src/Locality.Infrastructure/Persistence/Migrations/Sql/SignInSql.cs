namespace Locality.Infrastructure.Persistence.Migrations.Sql;

/// <summary>Hand-written SQL of the sign-in migration (agencies' providers, second factors).</summary>
internal static class SignInSql
{
    /// <summary>
    /// The last time step of an authenticator code each account used, so a code (or an older one) is never accepted
    /// twice, on any instance: a sign-in claims its step with one conditional upsert.
    /// </summary>
    public static readonly NamedSql AuthenticatorSteps = new(
        nameof(AuthenticatorSteps),
        """
        CREATE TABLE authenticator_steps (
            user_id uuid NOT NULL,
            last_step bigint NOT NULL,
            CONSTRAINT pk_authenticator_steps PRIMARY KEY (user_id),
            CONSTRAINT fk_authenticator_steps_identity_users FOREIGN KEY (user_id) REFERENCES identity_users (id) ON DELETE CASCADE);
        """,
        "DROP TABLE authenticator_steps;");
}
