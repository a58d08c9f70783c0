using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Locality.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Wrong passwords counted per account and client address, shared by every instance of both hosts. Read and
    /// written only by <c>PasswordSignIn</c> in SQL, so the table is not part of the EF model. The account is a SHA-256
    /// of the normalised email typed, so guesses at made-up emails keep no one's address.
    /// </summary>
    [DbContext(typeof(LocalityDbContext))]
    [Migration("20261201090000_SignInFailures")]
    public partial class SignInFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE sign_in_failures (
                    account character varying(64) NOT NULL,
                    client_address character varying(64) NOT NULL,
                    failures integer NOT NULL,
                    last_failed_at timestamp with time zone NOT NULL,
                    not_before timestamp with time zone NOT NULL,
                    CONSTRAINT pk_sign_in_failures PRIMARY KEY (account, client_address));
                CREATE INDEX ix_sign_in_failures_last_failed_at ON sign_in_failures (last_failed_at);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE sign_in_failures;");
        }
    }
}
