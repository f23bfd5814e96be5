package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.ops.LaunchRequirements;
import io.cscartxero.xero.XeroHttp;
import io.cscartxero.xero.XeroOrganisation;
import io.cscartxero.xero.auth.XeroTokenService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs every {@link FirstRunCheck} bean in order; one failing check never hides the others. */
@Component
public class FirstRunChecks {

    private final List<FirstRunCheck> checks;
    private final CsCartProperties cscartProperties;
    private final NamedParameterJdbcTemplate cscart;
    private final CsCartSchema schema;
    private final StoreSettingsService storeSettings;
    private final LaunchRequirements requirements;
    private final XeroTokenService tokens;
    private final XeroHttp xeroHttp;
    private final XeroOrganisation organisation;

    /** {@code checks} arrive sorted by their {@code @Order}. */
    public FirstRunChecks(List<FirstRunCheck> checks, CsCartProperties cscartProperties,
            @Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart, CsCartSchema schema,
            StoreSettingsService storeSettings, LaunchRequirements requirements, XeroTokenService tokens, XeroHttp xeroHttp,
            XeroOrganisation organisation) {
        this.checks = checks;
        this.cscartProperties = cscartProperties;
        this.cscart = cscart;
        this.schema = schema;
        this.storeSettings = storeSettings;
        this.requirements = requirements;
        this.tokens = tokens;
        this.xeroHttp = xeroHttp;
        this.organisation = organisation;
    }

    public List<CheckLine> run(boolean exportsOnly) {
        CheckContext context = new CheckContext(cscartProperties, cscart, schema, storeSettings, requirements, tokens,
                xeroHttp, organisation, exportsOnly);
        List<CheckLine> lines = new ArrayList<>();
        for (FirstRunCheck check : checks) {
            try {
                lines.addAll(check.check(context));
            } catch (RuntimeException e) {
                lines.add(CheckLine.fail(check.subject(), "could not be checked: " + CheckContext.rootMessage(e),
                        "fix the cause and run check again"));
            }
        }
        return lines;
    }
}
