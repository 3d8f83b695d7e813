package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A purchase the billing backend took the payment for.
 *
 * @param account          where the credits go ({@code {orgId}} a pool, {@code {orgId, userId}} a member balance,
 *                         {@code {userId}} a personal balance); may be left out when {@code topUpRequestId} is given (the
 *                         request's account), and must be the request's otherwise
 * @param amount           credits bought
 * @param paymentReference the payment provider's id of the payment: the purchase is recorded once per reference
 * @param topUpRequestId   the top-up request this purchase completes, if any
 * @param price            what was paid, in minor units of {@code currency} (cents…); with {@code currency}
 * @param currency         ISO 4217 code, with {@code price}
 */
@Schema(description = "A purchase the billing backend took the payment for: name the account, or the top-up request "
        + "it completes, or both; price and currency go together", example = "{\"topUpRequestId\": "
                + "\"0b6f2d1e-3c4a-4e5f-8a9b-1c2d3e4f5a6b\", \"amount\": 5000, \"paymentReference\": "
                + "\"pay_3Nf8s2Lk\", \"price\": 4900, \"currency\": \"EUR\"}")
public record PurchaseBody(
        @Schema(description = "Where the credits go; may be left out when topUpRequestId is given (the request's "
                + "account), and must be the request's otherwise") @Valid AccountBody account,
        @Schema(description = "Credits bought") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "The payment provider's id of the payment: recorded once per reference")
        @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "^[\\x21-\\x7E]+$",
                message = "must be 1 to 200 visible ASCII characters") String paymentReference,
        @Schema(format = "uuid", pattern = AccountBody.UUID_PATTERN,
                description = "The top-up request this purchase completes, if any") UUID topUpRequestId,
        @Schema(description = "What was paid, in minor units of currency (cents…); with currency")
        @Min(0) @Max(1_000_000_000_000_000L) Long price,
        @Schema(description = "ISO 4217 code of price, e.g. EUR; with price")
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency) {

    /** The credits go to a named account, or to the account of the request they complete. */
    @Schema(hidden = true)
    @AssertTrue(message = "name the account, or the top-up request the purchase completes")
    public boolean isAddressed() {
        return account != null || topUpRequestId != null;
    }

    /** A price means nothing without its currency, and a currency nothing without a price. */
    @Schema(hidden = true)
    @AssertTrue(message = "price and currency go together: send both, or neither")
    public boolean isPriced() {
        return (price == null) == (currency == null);
    }
}
