package dev.teamcredits.deploy;

import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The root pom.xml's {@code image} profile (Jib), read so that compose and Kubernetes are checked
 * against the images it actually builds: their names and the user they run as.
 */
record ImageProfile(String imagePattern, String user, List<String> entrypoint) {

    static ImageProfile read() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document pom = factory.newDocumentBuilder().parse(Repo.ROOT.resolve("pom.xml").toFile());
            NodeList profiles = pom.getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                Element profile = (Element) profiles.item(i);
                if ("image".equals(text(child(profile, "id")))) {
                    Element jib = (Element) profile.getElementsByTagName("configuration").item(0);
                    Element container = child(jib, "container");
                    List<String> entrypoint = new ArrayList<>();
                    NodeList args = child(container, "entrypoint").getElementsByTagName("arg");
                    for (int a = 0; a < args.getLength(); a++) {
                        entrypoint.add(args.item(a).getTextContent().trim());
                    }
                    return new ImageProfile(text(child(child(jib, "to"), "image")), text(child(container, "user")),
                            entrypoint);
                }
            }
            throw new IllegalStateException("No profile 'image' in the root pom.xml");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the image profile of the root pom.xml", e);
        }
    }

    /** The image a service module gets, e.g. team-credits/team-service:0.1.0-SNAPSHOT. */
    String imageOf(String artifactId) {
        return imagePattern.replace("${project.artifactId}", artifactId)
                .replace("${project.version}", System.getProperty("project.version", "0.1.0-SNAPSHOT"));
    }

    /** The image name without its tag, as kustomize's images: field matches it. */
    String repositoryOf(String artifactId) {
        String image = imageOf(artifactId);
        return image.substring(0, image.lastIndexOf(':'));
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    private static String text(Element e) {
        return e.getTextContent().trim();
    }
}
