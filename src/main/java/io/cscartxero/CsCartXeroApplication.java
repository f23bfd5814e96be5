package io.cscartxero;

import io.cscartxero.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CsCartXeroApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(CsCartXeroApplication.class, args));
    }
}
