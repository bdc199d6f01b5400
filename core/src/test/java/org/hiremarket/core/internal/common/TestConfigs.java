package org.hiremarket.core.internal.common;

import java.lang.reflect.Proxy;
import java.util.Map;

/** For tests: a component's annotation-typed configuration with its defaults, some of them replaced. */
public final class TestConfigs {

    private TestConfigs() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
            }
        });
    }
}
