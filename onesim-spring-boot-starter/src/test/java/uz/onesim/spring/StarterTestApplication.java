package uz.onesim.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing of its own: everything OneSIM comes from the starter. */
@SpringBootApplication
public class StarterTestApplication {
}
