using System.Globalization;
using System.Xml;

namespace Controllers.Hil.Reports;

/// <summary>Pieces shared by the JUnit writers: properties and invariant number formats that CI tools parse.</summary>
internal static class JUnitXml
{
    public static void WriteProperty(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", name);
        writer.WriteAttributeString("value", value);
        writer.WriteEndElement();
    }

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
