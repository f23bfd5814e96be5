package io.cscartxero;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CsCartXeroApplication {
    public static void main(String[] args) {
    }
}
