package dev.dcp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** The request as forwarded: one header set by the gateway, in place of whatever the client sent under it. */
public final class ForwardedHeader extends HttpServletRequestWrapper {

    private final String name;
    private final String value;

    public ForwardedHeader(HttpServletRequest request, String name, String value) {
        super(request);
        this.name = name;
        this.value = value;
    }

    @Override
    public String getHeader(String header) {
        return name.equalsIgnoreCase(header) ? value : super.getHeader(header);
    }

    @Override
    public Enumeration<String> getHeaders(String header) {
        return name.equalsIgnoreCase(header) ? Collections.enumeration(List.of(value)) : super.getHeaders(header);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String n = e.nextElement();
            if (!name.equalsIgnoreCase(n)) {
                names.add(n);
            }
        }
        names.add(name);
        return Collections.enumeration(names);
    }
}
